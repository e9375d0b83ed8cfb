//! The one vocabulary of error codes the API sends and the SPA translates.
//!
//! A [`Problem`](crate::problem::Problem) carries one of these as its `code`, and each of its
//! [`FieldError`](crate::problem::FieldError)s carries one too. The server can only build problems
//! from this enum, so every code it sends has a wire spelling ([`ErrorCode::as_str`], the same as the
//! serde name), a place in the OpenAPI document, and a Japanese and English text for users
//! ([`ErrorCode::text`]). Clients parse with [`ErrorCode::parse`] and fall back to the problem's own
//! `detail`/`title` for a code they do not know (a newer server).

use serde::{Deserialize, Serialize};

/// Stable error code of a problem (`Problem.code`) or of one invalid field (`FieldError.code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub enum ErrorCode {
    // ---- Problem codes: what went wrong with the request as a whole ----------------------------
    /// 422: one or more fields are invalid; `errors` names each.
    ValidationFailed,
    /// 400: the body is not valid JSON (or could not be read).
    MalformedBody,
    /// 400: any other 4xx the router produced that has no code of its own.
    BadRequest,
    /// 401: sign-in with a wrong e-mail address or password.
    InvalidCredentials,
    /// 429: too many failed sign-ins; `retry_after` says how long to wait.
    LoginThrottled,
    /// 429: so many failed sign-ins that the account is locked for a while (`retry_after`).
    AccountLocked,
    /// 401: no (valid) access token.
    Unauthorized,
    /// 401: the access token expired; refresh it.
    TokenExpired,
    /// 403: the session must first replace its temporary password.
    PasswordChangeRequired,
    /// 403: the session must first enrol in MFA.
    MfaEnrollmentRequired,
    /// 403: the session must first enter an MFA code.
    MfaVerificationRequired,
    /// 403: a sign-in step that this (fully signed-in) session has already done.
    StageNotAllowed,
    /// 403: the caller's role does not allow this.
    Forbidden,
    /// 404: no such resource (or not visible to the caller).
    NotFound,
    /// 405: the path exists but not with this method.
    MethodNotAllowed,
    /// 413: the body or the uploaded file is too large.
    PayloadTooLarge,
    /// 415: wrong `Content-Type`.
    UnsupportedMediaType,
    /// 401: the TOTP or recovery code is wrong.
    MfaCodeInvalid,
    /// 401: the TOTP code was already used.
    MfaCodeReplayed,
    /// 409: MFA confirmation without a started enrolment.
    MfaNotPending,
    /// 401: the refresh token is unknown, expired or revoked.
    RefreshTokenInvalid,
    /// 401: a refresh token was used twice; the session was revoked.
    RefreshTokenReused,
    /// 401: the temporary password is right but has expired; staff issue a new one.
    TemporaryPasswordExpired,
    /// 401: the session reached its absolute lifetime; sign in again.
    SessionExpired,
    /// 403: a cookie-authenticated request came from another site (or without `Origin`).
    OriginNotAllowed,
    /// 409: the company's rank may not buy this service (R4.2).
    ServiceNotForRank,
    /// 409: the service is paused or has ended (R4.1).
    ServiceNotOffered,
    /// 409: the service's yearly capacity is used up (R4.4).
    ServiceCapacityExhausted,
    /// 409: the application's current state does not allow this; `detail` names the state (R4.6).
    InvalidTransition,
    /// 422: an `Idempotency-Key` sent again with a different request.
    IdempotencyKeyReused,
    /// 409: this year's free trainings are used; book with tickets instead (R5.2).
    FreeTrainingsUsedUp,
    /// 409: the company has already booked this training (one booking per menu, R5.1).
    AlreadyBooked,
    /// 409: the hands-on training's seats are taken.
    TrainingFull,
    /// 502: Backlog did not take the report; `detail` says what to check (R4.8).
    BacklogFailed,
    /// 422: not an IAM role ARN (`arn:aws:iam::<12 digits>:role/<name>`) (R7.8).
    InvalidRoleArn,
    /// 422: the role ARN names another AWS account than the linked one (R7.8).
    RoleArnAccountMismatch,
    /// 409: the account has no IAM role for the portal yet; the representative sets one first (R7.8).
    AwsRoleNotSet,
    /// 403: the company's contract types do not include this tool (R7.8).
    ToolNotInContract,
    /// 503: the operator has not configured the portal's AWS access (R7.8).
    AwsNotConfigured,
    /// 502: STS refused AssumeRole: the role is missing, its trust policy does not name the portal, or the ExternalId does not match.
    AwsAssumeRoleDenied,
    /// 502: the assumed role lacks a permission the tool needs; `detail` names the action.
    AwsPermissionMissing,
    /// 502: the account's support plan gives no Trusted Advisor API access (SubscriptionRequiredException).
    AwsNoTrustedAdvisorAccess,
    /// 503: AWS kept throttling the requests; try again in a while.
    AwsThrottled,
    /// 502: AWS does not offer the operation for this account or region.
    AwsUnsupported,
    /// 502: AWS refused a parameter of the portal's request; `detail` has AWS's message.
    AwsInvalidRequest,
    /// 502: AWS could not be reached or answered with an error.
    AwsUnavailable,
    /// 422: the company fails the eligibility rules; `errors` names each reason (R1.4).
    IneligibleCompany,
    /// 409: a ticket entry would take the balance below zero (R3.2).
    InsufficientTickets,
    /// 409: another company already has this company code.
    CompanyCodeTaken,
    /// 409: a user with this e-mail address already exists.
    EmailTaken,
    /// 409: this AWS account is already linked.
    AwsAccountTaken,
    /// 409: a uniqueness rule of the database refused the write (e.g. a concurrent duplicate).
    AlreadyExists,
    /// 409: the company's last active representative cannot be demoted, disabled or deleted (R7.4).
    LastRepresentative,
    /// 409: the CSM is already the dedicated CSM of another company; an admin overrides with a reason (R6.1).
    CsmAlreadyDedicated,
    /// 409: an inquiry closed more than 14 days ago cannot be reopened; open a new one (R7.7).
    ReopenPeriodOver,
    /// 401: the account was disabled by a representative of its company.
    AccountDisabled,
    /// 403: this operation needs a signed-in session; an API token cannot call it.
    SessionRequired,
    /// 403: a `read` API token cannot call an operation that writes.
    TokenScopeInsufficient,
    /// 500: something failed on the server; details are only logged.
    Internal,
    /// 503: the readiness probe cannot reach the database.
    DatabaseUnavailable,

    // ---- Field codes: what is wrong with one field -----------------------------------------------
    /// The field is missing or empty.
    Required,
    /// The field has the wrong type or shape (a body or query that does not deserialize).
    Invalid,
    /// Both of two alternatives were sent (`code` and `recovery_code` of MFA verification).
    Ambiguous,
    InvalidEmail,
    TooLong,
    /// 1–32 ASCII letters, digits, `-`, `_`.
    InvalidCompanyCode,
    /// Not 12 digits.
    InvalidAwsAccountId,
    /// Only accounts whose root user the operator holds can be linked (R1.3).
    RootNotHeld,
    OutOfRange,
    /// The yearly rollover runs for the fiscal year under way only.
    NotCurrentFiscalYear,
    ThresholdNotPositive,
    ThresholdNotDescending,
    InvalidAmount,
    InvalidRank,
    /// Import: the file is not UTF-8.
    NotUtf8,
    /// Import: a quoted field is not closed on its line.
    UnterminatedQuote,
    /// Import: a quote in the wrong place.
    BadQuote,
    InvalidYearMonth,
    YearOutOfRange,
    AmountTooLarge,
    EmptyFile,
    BadHeader,
    ColumnCount,
    DuplicateRow,
    /// Import: no company has this code.
    UnknownCompany,
    PasswordTooShort,
    PasswordTooLong,
    PasswordContainsEmail,
    PasswordUnchanged,
    PasswordMonotonous,
    /// The password is on the list of commonly used passwords.
    PasswordTooCommon,
    /// The desired window starts too soon (web-vuln-lite: 20 business days, R4.4).
    LeadTimeTooShort,
    /// The service needs one of the company's linked AWS accounts.
    AwsAccountNotLinked,
    /// A web-vuln-lite hearing sheet lists 1–15 actions (R4.3).
    TooManyActions,
    /// A meeting time must lie ahead.
    TimeInPast,
    /// A meeting time must lie in service hours: weekdays 10:00–19:00 JST on business days.
    OutsideServiceHours,
    /// The file type is not one the portal accepts (PDF, PNG, JPEG, text, CSV, ZIP, Office files).
    AttachmentTypeNotAllowed,
    /// The file's bytes are not of the type it claims to be.
    AttachmentTypeMismatch,
    /// R1.1: none of the qualifying contracts is held.
    NoQualifyingContract,
    /// R1.2: public bodies are excluded.
    PublicBody,
    /// R1.2: business-alliance partners are excluded.
    Partner,
    /// R1.2: companies served through a third party without a direct contract are excluded.
    ViaThirdParty,
}

impl ErrorCode {
    /// Every code, problem codes first.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::ValidationFailed,
        ErrorCode::MalformedBody,
        ErrorCode::BadRequest,
        ErrorCode::InvalidCredentials,
        ErrorCode::LoginThrottled,
        ErrorCode::AccountLocked,
        ErrorCode::Unauthorized,
        ErrorCode::TokenExpired,
        ErrorCode::PasswordChangeRequired,
        ErrorCode::MfaEnrollmentRequired,
        ErrorCode::MfaVerificationRequired,
        ErrorCode::StageNotAllowed,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::PayloadTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::MfaCodeInvalid,
        ErrorCode::MfaCodeReplayed,
        ErrorCode::MfaNotPending,
        ErrorCode::RefreshTokenInvalid,
        ErrorCode::RefreshTokenReused,
        ErrorCode::TemporaryPasswordExpired,
        ErrorCode::SessionExpired,
        ErrorCode::OriginNotAllowed,
        ErrorCode::ServiceNotForRank,
        ErrorCode::ServiceNotOffered,
        ErrorCode::ServiceCapacityExhausted,
        ErrorCode::InvalidTransition,
        ErrorCode::IdempotencyKeyReused,
        ErrorCode::FreeTrainingsUsedUp,
        ErrorCode::AlreadyBooked,
        ErrorCode::TrainingFull,
        ErrorCode::BacklogFailed,
        ErrorCode::InvalidRoleArn,
        ErrorCode::RoleArnAccountMismatch,
        ErrorCode::AwsRoleNotSet,
        ErrorCode::ToolNotInContract,
        ErrorCode::AwsNotConfigured,
        ErrorCode::AwsAssumeRoleDenied,
        ErrorCode::AwsPermissionMissing,
        ErrorCode::AwsNoTrustedAdvisorAccess,
        ErrorCode::AwsThrottled,
        ErrorCode::AwsUnsupported,
        ErrorCode::AwsInvalidRequest,
        ErrorCode::AwsUnavailable,
        ErrorCode::IneligibleCompany,
        ErrorCode::InsufficientTickets,
        ErrorCode::CompanyCodeTaken,
        ErrorCode::EmailTaken,
        ErrorCode::AwsAccountTaken,
        ErrorCode::AlreadyExists,
        ErrorCode::LastRepresentative,
        ErrorCode::CsmAlreadyDedicated,
        ErrorCode::ReopenPeriodOver,
        ErrorCode::AccountDisabled,
        ErrorCode::SessionRequired,
        ErrorCode::TokenScopeInsufficient,
        ErrorCode::Internal,
        ErrorCode::DatabaseUnavailable,
        ErrorCode::Required,
        ErrorCode::Invalid,
        ErrorCode::Ambiguous,
        ErrorCode::InvalidEmail,
        ErrorCode::TooLong,
        ErrorCode::InvalidCompanyCode,
        ErrorCode::InvalidAwsAccountId,
        ErrorCode::RootNotHeld,
        ErrorCode::OutOfRange,
        ErrorCode::NotCurrentFiscalYear,
        ErrorCode::ThresholdNotPositive,
        ErrorCode::ThresholdNotDescending,
        ErrorCode::InvalidAmount,
        ErrorCode::InvalidRank,
        ErrorCode::NotUtf8,
        ErrorCode::UnterminatedQuote,
        ErrorCode::BadQuote,
        ErrorCode::InvalidYearMonth,
        ErrorCode::YearOutOfRange,
        ErrorCode::AmountTooLarge,
        ErrorCode::EmptyFile,
        ErrorCode::BadHeader,
        ErrorCode::ColumnCount,
        ErrorCode::DuplicateRow,
        ErrorCode::UnknownCompany,
        ErrorCode::PasswordTooShort,
        ErrorCode::PasswordTooLong,
        ErrorCode::PasswordContainsEmail,
        ErrorCode::PasswordUnchanged,
        ErrorCode::PasswordMonotonous,
        ErrorCode::PasswordTooCommon,
        ErrorCode::LeadTimeTooShort,
        ErrorCode::AwsAccountNotLinked,
        ErrorCode::TooManyActions,
        ErrorCode::TimeInPast,
        ErrorCode::OutsideServiceHours,
        ErrorCode::AttachmentTypeNotAllowed,
        ErrorCode::AttachmentTypeMismatch,
        ErrorCode::NoQualifyingContract,
        ErrorCode::PublicBody,
        ErrorCode::Partner,
        ErrorCode::ViaThirdParty,
    ];

    /// The wire spelling (the serde name).
    pub const fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            ValidationFailed => "validation_failed",
            MalformedBody => "malformed_body",
            BadRequest => "bad_request",
            InvalidCredentials => "invalid_credentials",
            LoginThrottled => "login_throttled",
            AccountLocked => "account_locked",
            Unauthorized => "unauthorized",
            TokenExpired => "token_expired",
            PasswordChangeRequired => "password_change_required",
            MfaEnrollmentRequired => "mfa_enrollment_required",
            MfaVerificationRequired => "mfa_verification_required",
            StageNotAllowed => "stage_not_allowed",
            Forbidden => "forbidden",
            NotFound => "not_found",
            MethodNotAllowed => "method_not_allowed",
            PayloadTooLarge => "payload_too_large",
            UnsupportedMediaType => "unsupported_media_type",
            MfaCodeInvalid => "mfa_code_invalid",
            MfaCodeReplayed => "mfa_code_replayed",
            MfaNotPending => "mfa_not_pending",
            RefreshTokenInvalid => "refresh_token_invalid",
            RefreshTokenReused => "refresh_token_reused",
            TemporaryPasswordExpired => "temporary_password_expired",
            SessionExpired => "session_expired",
            OriginNotAllowed => "origin_not_allowed",
            ServiceNotForRank => "service_not_for_rank",
            ServiceNotOffered => "service_not_offered",
            ServiceCapacityExhausted => "service_capacity_exhausted",
            InvalidTransition => "invalid_transition",
            IdempotencyKeyReused => "idempotency_key_reused",
            FreeTrainingsUsedUp => "free_trainings_used_up",
            AlreadyBooked => "already_booked",
            TrainingFull => "training_full",
            BacklogFailed => "backlog_failed",
            InvalidRoleArn => "invalid_role_arn",
            RoleArnAccountMismatch => "role_arn_account_mismatch",
            AwsRoleNotSet => "aws_role_not_set",
            ToolNotInContract => "tool_not_in_contract",
            AwsNotConfigured => "aws_not_configured",
            AwsAssumeRoleDenied => "aws_assume_role_denied",
            AwsPermissionMissing => "aws_permission_missing",
            AwsNoTrustedAdvisorAccess => "aws_no_trusted_advisor_access",
            AwsThrottled => "aws_throttled",
            AwsUnsupported => "aws_unsupported",
            AwsInvalidRequest => "aws_invalid_request",
            AwsUnavailable => "aws_unavailable",
            IneligibleCompany => "ineligible_company",
            InsufficientTickets => "insufficient_tickets",
            CompanyCodeTaken => "company_code_taken",
            EmailTaken => "email_taken",
            AwsAccountTaken => "aws_account_taken",
            AlreadyExists => "already_exists",
            LastRepresentative => "last_representative",
            CsmAlreadyDedicated => "csm_already_dedicated",
            ReopenPeriodOver => "reopen_period_over",
            AccountDisabled => "account_disabled",
            SessionRequired => "session_required",
            TokenScopeInsufficient => "token_scope_insufficient",
            Internal => "internal",
            DatabaseUnavailable => "database_unavailable",
            Required => "required",
            Invalid => "invalid",
            Ambiguous => "ambiguous",
            InvalidEmail => "invalid_email",
            TooLong => "too_long",
            InvalidCompanyCode => "invalid_company_code",
            InvalidAwsAccountId => "invalid_aws_account_id",
            RootNotHeld => "root_not_held",
            OutOfRange => "out_of_range",
            NotCurrentFiscalYear => "not_current_fiscal_year",
            ThresholdNotPositive => "threshold_not_positive",
            ThresholdNotDescending => "threshold_not_descending",
            InvalidAmount => "invalid_amount",
            InvalidRank => "invalid_rank",
            NotUtf8 => "not_utf8",
            UnterminatedQuote => "unterminated_quote",
            BadQuote => "bad_quote",
            InvalidYearMonth => "invalid_year_month",
            YearOutOfRange => "year_out_of_range",
            AmountTooLarge => "amount_too_large",
            EmptyFile => "empty_file",
            BadHeader => "bad_header",
            ColumnCount => "column_count",
            DuplicateRow => "duplicate_row",
            UnknownCompany => "unknown_company",
            PasswordTooShort => "password_too_short",
            PasswordTooLong => "password_too_long",
            PasswordContainsEmail => "password_contains_email",
            PasswordUnchanged => "password_unchanged",
            PasswordMonotonous => "password_monotonous",
            PasswordTooCommon => "password_too_common",
            LeadTimeTooShort => "lead_time_too_short",
            AwsAccountNotLinked => "aws_account_not_linked",
            TooManyActions => "too_many_actions",
            TimeInPast => "time_in_past",
            OutsideServiceHours => "outside_service_hours",
            AttachmentTypeNotAllowed => "attachment_type_not_allowed",
            AttachmentTypeMismatch => "attachment_type_mismatch",
            NoQualifyingContract => "no_qualifying_contract",
            PublicBody => "public_body",
            Partner => "partner",
            ViaThirdParty => "via_third_party",
        }
    }

    /// The code with this wire spelling; `None` for a code this build does not know.
    pub fn parse(s: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.iter().copied().find(|c| c.as_str() == s)
    }

    /// What to tell the user, in Japanese and in English. Placeholders are filled by the client with
    /// [`fill`]: `{n}` the seconds of `retry_after` (`login_throttled`, `account_locked`), `{min}` and
    /// `{max}` the password length limits ([`crate::password::MIN_LEN`], [`crate::password::MAX_LEN`]).
    pub const fn text(self) -> (&'static str, &'static str) {
        use ErrorCode::*;
        match self {
            ValidationFailed => ("入力内容を確認してください。", "Please check the highlighted fields."),
            MalformedBody => ("リクエストの形式が正しくありません。", "The request was malformed."),
            BadRequest => ("リクエストを処理できませんでした。", "The request could not be handled."),
            InvalidCredentials => (
                "メールアドレスまたはパスワードが正しくありません。",
                "The e-mail address or password is incorrect.",
            ),
            LoginThrottled => (
                "ログインの試行回数が多すぎます。{n} 秒後にもう一度お試しください。",
                "Too many sign-in attempts. Please try again in {n} seconds.",
            ),
            AccountLocked => (
                "このアカウントは一時的にロックされています。{n} 秒後にもう一度お試しください。",
                "This account is temporarily locked. Please try again in {n} seconds.",
            ),
            Unauthorized => ("ログインしてください。", "Please sign in."),
            TokenExpired => (
                "セッションの有効期限が切れました。もう一度ログインしてください。",
                "Your session has expired. Please sign in again.",
            ),
            PasswordChangeRequired => ("先にパスワードを変更してください。", "Please change your password first."),
            MfaEnrollmentRequired => {
                ("先に多要素認証を設定してください。", "Please set up multi-factor authentication first.")
            }
            MfaVerificationRequired => ("認証コードを入力してください。", "Please enter your authentication code."),
            StageNotAllowed => (
                "この手続きは既に完了しています。ホーム画面からお進みください。",
                "This sign-in step is already done. Please continue from the home page.",
            ),
            Forbidden => ("この操作を行う権限がありません。", "You are not allowed to do this."),
            NotFound => ("対象が見つかりませんでした。", "Not found."),
            MethodNotAllowed => ("この操作には対応していません。", "This operation is not supported here."),
            PayloadTooLarge => (
                "送信したデータが大きすぎます。ファイルは 60,000 行・8 MiB 以内に分割してください。",
                "What you sent is too large. Split files into parts of at most 60,000 rows and 8 MiB.",
            ),
            UnsupportedMediaType => ("CSV ファイルを送ってください。", "Please send a CSV file."),
            TemporaryPasswordExpired => (
                "仮パスワードの有効期限が切れています。担当者に新しい仮パスワードの発行を依頼してください。",
                "This temporary password has expired. Please ask us to issue a new one.",
            ),
            SessionExpired => (
                "ログインの有効期限（最長期間）が切れました。もう一度ログインしてください。",
                "Your session has reached its maximum lifetime. Please sign in again.",
            ),
            OriginNotAllowed => (
                "このページからは操作できません。ポータルを開き直してください。",
                "This request did not come from the portal. Please reopen the portal.",
            ),
            PasswordTooCommon => (
                "よく使われているパスワードのため使用できません。推測されにくいパスワードにしてください。",
                "This password is too common. Please choose one that is harder to guess.",
            ),
            ServiceNotForRank => (
                "このサービスは現在のランクではお申し込みいただけません。",
                "Your company's rank does not include this service.",
            ),
            ServiceNotOffered => (
                "このサービスは現在受付を停止しています。",
                "This service is not accepting applications at the moment.",
            ),
            ServiceCapacityExhausted => (
                "このサービスは今年度の受付枠に達しました。",
                "This service has reached its capacity for this fiscal year.",
            ),
            InvalidTransition => (
                "申し込みの現在の状態では、この操作はできません。",
                "The application's current state does not allow this.",
            ),
            IdempotencyKeyReused => (
                "同じ送信キーで内容の異なる申し込みが送られました。画面を読み込み直してください。",
                "The same submission key was sent with a different request. Please reload the page.",
            ),
            LeadTimeTooShort => (
                "希望期間の開始日は、申し込みから {n} 営業日以降にしてください。",
                "The window must start at least {n} business days after the application.",
            ),
            AwsAccountNotLinked => (
                "御社に登録済みの AWS アカウントを選んでください。",
                "Choose one of your company's linked AWS accounts.",
            ),
            TooManyActions => (
                "診断対象のアクション数は 1〜15 にしてください。",
                "List between 1 and 15 actions.",
            ),
            TimeInPast => ("過去の日時は指定できません。", "The time has already passed."),
            OutsideServiceHours => (
                "サービス時間（営業日の平日 10:00〜19:00、日本時間）内の日時を指定してください。",
                "Choose a time within service hours (weekdays 10:00–19:00 JST on business days).",
            ),
            FreeTrainingsUsedUp => (
                "今年度の無料トレーニング枠は使い切りました。チケットでお申し込みいただけます。",
                "This year's free trainings are used. You can book with tickets instead.",
            ),
            AlreadyBooked => (
                "このトレーニングはすでにお申し込み済みです。",
                "Your company has already booked this training.",
            ),
            TrainingFull => (
                "このトレーニングは満席です。",
                "This training is fully booked.",
            ),
            BacklogFailed => (
                "Backlog への報告の投稿に失敗しました。詳細を確認して再度お試しください。",
                "The report could not be posted to Backlog. Check the details and try again.",
            ),
            InvalidRoleArn => (
                "IAM ロールの ARN の形式が正しくありません（例: arn:aws:iam::123456789012:role/CloudpackPortalReadOnly）。",
                "This is not an IAM role ARN (e.g. arn:aws:iam::123456789012:role/CloudpackPortalReadOnly).",
            ),
            RoleArnAccountMismatch => (
                "ロールの ARN のアカウント ID が、連携している AWS アカウントと一致しません。",
                "The role ARN names a different AWS account than the linked one.",
            ),
            AwsRoleNotSet => (
                "この AWS アカウントには、まだポータル用の IAM ロールが登録されていません。代表者がロールを登録してください。",
                "No IAM role for the portal is registered for this AWS account yet. A representative must register one.",
            ),
            ToolNotInContract => (
                "このツールは、貴社のご契約の種類ではご利用いただけません。",
                "This tool is not available under your company's contract types.",
            ),
            AwsNotConfigured => (
                "ポータルの AWS 接続が運営側で設定されていないため、現在ツールをご利用いただけません。",
                "The operator has not configured the portal's AWS access, so the tools are not available now.",
            ),
            AwsAssumeRoleDenied => (
                "ロールを引き受けられませんでした。ロールが存在するか、信頼ポリシーにポータルのプリンシパルがあるか、外部 ID が一致しているかをご確認ください。",
                "The role could not be assumed. Check that the role exists, that its trust policy names the portal's principal, and that the external ID matches.",
            ),
            AwsPermissionMissing => (
                "ロールに必要な権限がありません。手順に示したアクセス許可ポリシーをロールに付けてください。",
                "The role lacks a permission the tool needs. Attach the permissions policy shown in the set-up steps.",
            ),
            AwsNoTrustedAdvisorAccess => (
                "この AWS アカウントのサポートプランでは、Trusted Advisor の API を利用できません。",
                "This AWS account's support plan does not give access to the Trusted Advisor API.",
            ),
            AwsThrottled => (
                "AWS へのリクエストが集中しています。しばらくしてから再度お試しください。",
                "AWS is throttling requests. Try again in a while.",
            ),
            AwsUnsupported => (
                "この操作は、この AWS アカウントでは利用できません。",
                "AWS does not offer this operation for this account.",
            ),
            AwsInvalidRequest => (
                "AWS がリクエストを受け付けませんでした。詳細をご確認ください。",
                "AWS refused the request. See the details.",
            ),
            AwsUnavailable => (
                "AWS に接続できないか、AWS がエラーを返しました。しばらくしてから再度お試しください。",
                "AWS could not be reached or answered with an error. Try again in a while.",
            ),
            AttachmentTypeNotAllowed => (
                "この種類のファイルは添付できません。PDF・画像（PNG/JPEG）・テキスト・CSV・ZIP・Office 文書を添付してください。",
                "This type of file cannot be attached. Attach PDF, PNG/JPEG images, text, CSV, ZIP or Office documents.",
            ),
            AttachmentTypeMismatch => (
                "ファイルの中身が、ファイルの種類と一致しません。",
                "The file's content does not match its type.",
            ),
            MfaCodeInvalid => (
                "認証コードが正しくありません。認証アプリに表示されている最新のコードを入力してください。",
                "The code is incorrect. Enter the latest code shown in your authenticator app.",
            ),
            MfaCodeReplayed => (
                "この認証コードは使用済みです。次のコードが表示されてから入力してください。",
                "This code has already been used. Please wait for the next code.",
            ),
            MfaNotPending => (
                "多要素認証の設定が始まっていません。QR コードの表示からやり直してください。",
                "Multi-factor authentication setup has not been started. Please start again from the QR code.",
            ),
            RefreshTokenInvalid => (
                "セッションの有効期限が切れました。もう一度ログインしてください。",
                "Your session has expired. Please sign in again.",
            ),
            RefreshTokenReused => (
                "安全のためセッションを終了しました。もう一度ログインしてください。",
                "Your session was ended for your security. Please sign in again.",
            ),
            IneligibleCompany => (
                "ご利用条件を満たしていないため登録できません。",
                "The company does not meet the conditions of use.",
            ),
            InsufficientTickets => (
                "チケット残高が足りません。残高は 0 未満にできません。",
                "Not enough tickets: the balance cannot go below zero.",
            ),
            CompanyCodeTaken => ("この会社コードは既に使われています。", "This company code is already in use."),
            EmailTaken => (
                "このメールアドレスのユーザーは既に登録されています。",
                "A user with this e-mail address already exists.",
            ),
            AwsAccountTaken => ("この AWS アカウントは既に連携されています。", "This AWS account is already linked."),
            AlreadyExists => (
                "ほかの操作と競合しました。画面を更新してからもう一度お試しください。",
                "This conflicts with another change. Reload and try again.",
            ),
            CsmAlreadyDedicated => (
                "この CSM はすでに別の会社の専任 CSM です。割り当てるには理由を入力してください。",
                "This CSM is already dedicated to another company. Give a reason to assign them anyway.",
            ),
            LastRepresentative => (
                "最後の代表者は、削除・無効化・メンバーへの変更ができません。先に別のユーザーを代表者にしてください（R7.4）。",
                "The last representative cannot be deleted, disabled or made a member. Make another user a representative first (R7.4).",
            ),
            ReopenPeriodOver => (
                "閉じてから 14 日を過ぎたお問い合わせは再開できません。新しいお問い合わせを作成してください。",
                "An inquiry closed more than 14 days ago cannot be reopened. Please open a new one.",
            ),
            AccountDisabled => (
                "このアカウントは無効になっています。会社の代表者にお問い合わせください。",
                "This account is disabled. Please ask a representative of your company.",
            ),
            SessionRequired => (
                "この操作は API トークンではできません。ポータルにログインして行ってください。",
                "API tokens cannot do this. Please sign in to the portal.",
            ),
            TokenScopeInsufficient => (
                "この API トークンは読み取り専用です。",
                "This API token is read-only.",
            ),
            Internal => (
                "サーバーでエラーが発生しました。しばらくしてからもう一度お試しください。",
                "Something went wrong on the server. Please try again later.",
            ),
            DatabaseUnavailable => (
                "データベースに接続できません。しばらくしてからもう一度お試しください。",
                "The database cannot be reached. Please try again later.",
            ),

            Required => ("入力してください。", "This field is required."),
            Invalid => ("値の形式が正しくありません。", "The value is not valid."),
            Ambiguous => (
                "認証コードとリカバリーコードは、どちらか一方だけを入力してください。",
                "Enter either an authentication code or a recovery code, not both.",
            ),
            InvalidEmail => ("メールアドレスの形式が正しくありません。", "Enter a valid e-mail address."),
            TooLong => ("長すぎます。", "Too long."),
            InvalidCompanyCode => {
                ("半角英数字と「-」「_」で 32 文字までにしてください。", "Use up to 32 letters, digits, '-' or '_'.")
            }
            InvalidAwsAccountId => (
                "AWS アカウント ID は 12 桁の数字です（例：1234-5678-9012）。",
                "An AWS account ID is 12 digits, e.g. 1234-5678-9012.",
            ),
            RootNotHeld => (
                "ルートユーザーを当社で保有しているアカウントだけを連携できます（R1.3）。",
                "Only accounts whose root user we hold can be linked (R1.3).",
            ),
            OutOfRange => ("範囲外の値です。", "The value is out of range."),
            NotCurrentFiscalYear => (
                "年次更新は今年度に対してのみ実行できます。",
                "Only the fiscal year under way can be rolled over.",
            ),
            ThresholdNotPositive => ("0 より大きい金額にしてください。", "Must be greater than zero."),
            ThresholdNotDescending => (
                "上位ランクの閾値より小さい金額にしてください。",
                "Must be lower than the threshold of the rank above.",
            ),
            InvalidAmount => ("金額・数量が正しくありません。", "The amount is not valid."),
            InvalidRank => ("ランクが正しくありません。", "Not a valid rank."),
            NotUtf8 => ("ファイルは UTF-8 で保存してください。", "The file must be UTF-8."),
            UnterminatedQuote => ("引用符（\"）が閉じていません。", "A quoted field is not closed."),
            BadQuote => ("引用符（\"）の使い方が正しくありません。", "A quote is misplaced."),
            InvalidYearMonth => ("年月は YYYY-MM で入力してください。", "Write the month as YYYY-MM."),
            YearOutOfRange => ("年が範囲外です（2000〜2100）。", "The year is outside 2000–2100."),
            AmountTooLarge => ("金額が大きすぎます。", "The amount is too large."),
            EmptyFile => ("データがありません。", "The file has no rows."),
            BadHeader => (
                "1 行目は company_code,year_month,amount_yen にしてください。",
                "The first line must be company_code,year_month,amount_yen.",
            ),
            ColumnCount => ("列の数が正しくありません。", "Wrong number of columns."),
            DuplicateRow => ("同じ会社・年月の行が重複しています。", "The same company and month appear twice."),
            UnknownCompany => ("この会社コードの企業は登録されていません。", "No company has this code."),
            PasswordTooShort => ("{min} 文字以上にしてください。", "Use at least {min} characters."),
            PasswordTooLong => ("{max} 文字以内にしてください。", "Use at most {max} characters."),
            PasswordContainsEmail => (
                "メールアドレスを含むパスワードは使えません。",
                "The password must not contain your e-mail address.",
            ),
            PasswordUnchanged => (
                "現在のパスワードとは異なるパスワードを入力してください。",
                "Choose a password different from the current one.",
            ),
            PasswordMonotonous => (
                "同じ文字を繰り返しただけのパスワードは使えません。",
                "The password must not be one character repeated.",
            ),
            NoQualifyingContract => (
                "対象の契約（AWS請求代行サービス／adv.／AWS定額プラン）がありません（R1.1）",
                "None of the qualifying contracts (AWS billing agency service / adv. / AWS flat-rate plan) is held (R1.1)",
            ),
            PublicBody => ("公的機関はご利用いただけません（R1.2）", "Public bodies are not eligible (R1.2)"),
            Partner => (
                "業務提携パートナー企業はご利用いただけません（R1.2）",
                "Business-alliance partner companies are not eligible (R1.2)",
            ),
            ViaThirdParty => (
                "第三者経由で直接のご契約がない企業はご利用いただけません（R1.2）",
                "Companies served through a third party without a direct contract are not eligible (R1.2)",
            ),
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `template` with each `{key}` replaced by its value; unknown placeholders stay as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    args.iter().fold(template.to_owned(), |s, (k, v)| s.replace(&format!("{{{k}}}"), v))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::eligibility::IneligibleReason;

    /// Exhaustive on purpose: a new variant does not compile until it is listed here, and the test
    /// then fails until it is in [`ErrorCode::ALL`] too.
    fn listed(code: ErrorCode) -> bool {
        use ErrorCode::*;
        match code {
            ValidationFailed
            | MalformedBody
            | BadRequest
            | InvalidCredentials
            | LoginThrottled
            | AccountLocked
            | Unauthorized
            | TokenExpired
            | PasswordChangeRequired
            | MfaEnrollmentRequired
            | MfaVerificationRequired
            | StageNotAllowed
            | Forbidden
            | NotFound
            | MethodNotAllowed
            | PayloadTooLarge
            | UnsupportedMediaType
            | MfaCodeInvalid
            | MfaCodeReplayed
            | MfaNotPending
            | RefreshTokenInvalid
            | RefreshTokenReused
            | TemporaryPasswordExpired
            | SessionExpired
            | OriginNotAllowed
            | ServiceNotForRank
            | ServiceNotOffered
            | ServiceCapacityExhausted
            | InvalidTransition
            | IdempotencyKeyReused
            | FreeTrainingsUsedUp
            | AlreadyBooked
            | TrainingFull
            | BacklogFailed
            | InvalidRoleArn
            | RoleArnAccountMismatch
            | AwsRoleNotSet
            | ToolNotInContract
            | AwsNotConfigured
            | AwsAssumeRoleDenied
            | AwsPermissionMissing
            | AwsNoTrustedAdvisorAccess
            | AwsThrottled
            | AwsUnsupported
            | AwsInvalidRequest
            | AwsUnavailable
            | IneligibleCompany
            | InsufficientTickets
            | CompanyCodeTaken
            | EmailTaken
            | AwsAccountTaken
            | AlreadyExists
            | LastRepresentative
            | CsmAlreadyDedicated
            | ReopenPeriodOver
            | AccountDisabled
            | SessionRequired
            | TokenScopeInsufficient
            | Internal
            | DatabaseUnavailable
            | Required
            | Invalid
            | Ambiguous
            | InvalidEmail
            | TooLong
            | InvalidCompanyCode
            | InvalidAwsAccountId
            | RootNotHeld
            | OutOfRange
            | NotCurrentFiscalYear
            | ThresholdNotPositive
            | ThresholdNotDescending
            | InvalidAmount
            | InvalidRank
            | NotUtf8
            | UnterminatedQuote
            | BadQuote
            | InvalidYearMonth
            | YearOutOfRange
            | AmountTooLarge
            | EmptyFile
            | BadHeader
            | ColumnCount
            | DuplicateRow
            | UnknownCompany
            | PasswordTooShort
            | PasswordTooLong
            | PasswordContainsEmail
            | PasswordUnchanged
            | PasswordMonotonous
            | PasswordTooCommon
            | LeadTimeTooShort
            | AwsAccountNotLinked
            | TooManyActions
            | TimeInPast
            | OutsideServiceHours
            | AttachmentTypeNotAllowed
            | AttachmentTypeMismatch
            | NoQualifyingContract
            | PublicBody
            | Partner
            | ViaThirdParty => ErrorCode::ALL.contains(&code),
        }
    }

    /// The number of arms above; keep in step with the match (the compiler checks the match itself).
    const VARIANTS: usize = 102;

    #[test]
    fn all_lists_every_variant_once() {
        let unique: HashSet<_> = ErrorCode::ALL.iter().collect();
        assert_eq!(unique.len(), ErrorCode::ALL.len(), "ALL has duplicates");
        assert_eq!(ErrorCode::ALL.len(), VARIANTS, "ALL misses a variant (or VARIANTS is stale)");
        assert!(ErrorCode::ALL.iter().all(|c| listed(*c)));
    }

    #[test]
    fn every_code_round_trips_through_as_str_parse_and_serde() {
        for &code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(!s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
            assert_eq!(ErrorCode::parse(s), Some(code));
            assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{s}\""));
            assert_eq!(serde_json::from_str::<ErrorCode>(&format!("\"{s}\"")).unwrap(), code);
            assert_eq!(code.to_string(), s);
        }
        let spellings: HashSet<_> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(spellings.len(), ErrorCode::ALL.len());
        assert_eq!(ErrorCode::parse("teapot"), None);
        assert_eq!(ErrorCode::parse("ValidationFailed"), None);
    }

    fn placeholders(s: &str) -> Vec<&str> {
        s.split('{').skip(1).filter_map(|rest| rest.split_once('}')).map(|(name, _)| name).collect()
    }

    #[test]
    fn every_code_has_japanese_and_english_text() {
        for &code in ErrorCode::ALL {
            let (ja, en) = code.text();
            assert!(!ja.trim().is_empty() && !en.trim().is_empty(), "{code}");
            assert_ne!(ja, en, "{code}");
            assert!(!ja.is_ascii(), "{code}: the Japanese text is not Japanese");
            // The same placeholders on both sides.
            assert_eq!(placeholders(ja), placeholders(en), "{code}");
        }
    }

    #[test]
    fn r1_4_ineligibility_texts_name_their_rule() {
        for reason in IneligibleReason::ALL {
            let (ja, en) = reason.code().text();
            let rule = reason.rule();
            assert!(ja.contains(&format!("（{rule}）")) && en.contains(&format!("({rule})")), "{ja} / {en}");
        }
    }

    #[test]
    fn fill_replaces_each_placeholder() {
        let (ja, _) = ErrorCode::LoginThrottled.text();
        assert_eq!(fill(ja, &[("n", "42")]), "ログインの試行回数が多すぎます。42 秒後にもう一度お試しください。");
        assert_eq!(fill("{a}-{b}-{a}-{c}", &[("a", "1"), ("b", "2")]), "1-2-1-{c}");
    }
}
