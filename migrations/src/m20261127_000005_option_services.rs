//! Option services and applications (issue 9; R4): the staff-edited catalogue, seeded with the
//! seven services of R4.1; applications with the terms they were made under; and each
//! application's timeline (R4.6).
//!
//! Decision (R4.2, "services available by ticket vary by rank"): the seeded rank lists give the
//! per-account Lite services, account diagnosis and trainings to BRONZE and above, the
//! environment-wide consultations and web-vuln-lite to GOLD and above. Admins change them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OptionServices {
    Table,
    Code,
    NameJa,
    NameEn,
    DescriptionJa,
    DescriptionEn,
    Category,
    Scope,
    TicketCost,
    CustomerCancellable,
    MinLeadBusinessDays,
    YearlyCapacity,
    Ranks,
    Status,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
    CompanyId,
    ServiceCode,
    State,
    TicketCost,
    Cancellable,
    FiscalYear,
    AwsAccountId,
    PreferredSchedule,
    Notes,
    HearingSheet,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    IdempotencyKey,
    RequestHash,
}

#[derive(DeriveIden)]
enum ApplicationEvents {
    Table,
    Id,
    ApplicationId,
    Step,
    FromState,
    ToState,
    ActorId,
    ActorLabel,
    Note,
    At,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

struct Seed {
    code: &'static str,
    name_ja: &'static str,
    name_en: &'static str,
    description_ja: &'static str,
    description_en: &'static str,
    category: &'static str,
    scope: &'static str,
    cost: i32,
    cancellable: bool,
    lead: i32,
    capacity: Option<i32>,
    ranks: &'static str,
}

const SEEDS: [Seed; 7] = [
    Seed {
        code: "cost-consulting",
        name_ja: "コスト最適化コンサルティング",
        name_en: "Cost optimization consulting",
        description_ja: "環境全体の利用状況を分析し、コスト削減策をご提案します。",
        description_en: "We analyse your whole environment and propose how to lower its cost.",
        category: "cost",
        scope: "environment",
        cost: 10,
        cancellable: true,
        lead: 0,
        capacity: None,
        ranks: "GOLD,PLATINUM",
    },
    Seed {
        code: "cost-consulting-lite",
        name_ja: "コスト最適化コンサルティング Lite",
        name_en: "Cost optimization consulting Lite",
        description_ja:
            "Trusted Advisor と Compute Optimizer の結果をもとに、1 つの AWS アカウントのコスト削減策をご提案します。",
        description_en: "Cost savings for one AWS account, from Trusted Advisor and Compute Optimizer.",
        category: "cost",
        scope: "aws_account",
        cost: 5,
        cancellable: true,
        lead: 0,
        capacity: None,
        ranks: "BRONZE,SILVER,GOLD,PLATINUM",
    },
    Seed {
        code: "account-diagnosis",
        name_ja: "AWS アカウント診断",
        name_en: "AWS account diagnosis",
        description_ja: "Security Hub を使って 1 つの AWS アカウントのセキュリティ設定を診断します。",
        description_en: "A Security Hub review of one AWS account's security settings.",
        category: "security",
        scope: "aws_account",
        cost: 5,
        cancellable: true,
        lead: 0,
        capacity: None,
        ranks: "BRONZE,SILVER,GOLD,PLATINUM",
    },
    Seed {
        code: "security-consulting",
        name_ja: "セキュリティコンサルティング",
        name_en: "Security consulting",
        description_ja: "環境全体のセキュリティを評価し、改善策をご提案します。",
        description_en: "We assess your whole environment's security and propose improvements.",
        category: "security",
        scope: "environment",
        cost: 10,
        cancellable: true,
        lead: 0,
        capacity: None,
        ranks: "GOLD,PLATINUM",
    },
    Seed {
        code: "security-consulting-lite",
        name_ja: "セキュリティコンサルティング Lite",
        name_en: "Security consulting Lite",
        description_ja: "Well-Architected と Trusted Advisor の観点で 1 つの AWS アカウントを評価します。",
        description_en: "A Well-Architected and Trusted Advisor review of one AWS account.",
        category: "security",
        scope: "aws_account",
        cost: 5,
        cancellable: true,
        lead: 0,
        capacity: None,
        ranks: "BRONZE,SILVER,GOLD,PLATINUM",
    },
    Seed {
        code: "aws-training",
        name_ja: "AWS トレーニング（セミナー／ハンズオン）",
        name_en: "AWS training (seminar / hands-on)",
        description_ja: "無料枠を使い切った後のトレーニングを、チケットでお申し込みいただけます。",
        description_en: "Trainings beyond your free ones, booked with tickets.",
        category: "training",
        scope: "training",
        cost: 2,
        cancellable: true,
        lead: 0,
        capacity: None,
        ranks: "BRONZE,SILVER,GOLD,PLATINUM",
    },
    Seed {
        code: "web-vuln-lite",
        name_ja: "Web 脆弱性診断 Lite",
        name_en: "Web vulnerability assessment Lite",
        description_ja: "パートナー企業と共同で、最大 15 アクションの Web アプリケーションを診断します。",
        description_en: "A web application assessment of up to 15 actions, with our partner.",
        category: "security",
        scope: "actions",
        cost: 10,
        cancellable: false,
        lead: 20,
        capacity: Some(20),
        ranks: "GOLD,PLATINUM",
    },
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(OptionServices::Table)
                .col(string(OptionServices::Code).primary_key())
                .col(string(OptionServices::NameJa))
                .col(string(OptionServices::NameEn))
                .col(text(OptionServices::DescriptionJa))
                .col(text(OptionServices::DescriptionEn))
                .col(string(OptionServices::Category))
                .col(string(OptionServices::Scope))
                .col(integer(OptionServices::TicketCost))
                .col(boolean(OptionServices::CustomerCancellable))
                .col(integer(OptionServices::MinLeadBusinessDays))
                .col(integer_null(OptionServices::YearlyCapacity))
                .col(string(OptionServices::Ranks))
                .col(string(OptionServices::Status))
                .col(timestamp_with_time_zone(OptionServices::UpdatedAt))
                .to_owned(),
        )
        .await?;
        for s in SEEDS {
            let insert = Query::insert()
                .into_table(OptionServices::Table)
                .columns([
                    OptionServices::Code,
                    OptionServices::NameJa,
                    OptionServices::NameEn,
                    OptionServices::DescriptionJa,
                    OptionServices::DescriptionEn,
                    OptionServices::Category,
                    OptionServices::Scope,
                    OptionServices::TicketCost,
                    OptionServices::CustomerCancellable,
                    OptionServices::MinLeadBusinessDays,
                    OptionServices::YearlyCapacity,
                    OptionServices::Ranks,
                    OptionServices::Status,
                    OptionServices::UpdatedAt,
                ])
                .values_panic([
                    s.code.into(),
                    s.name_ja.into(),
                    s.name_en.into(),
                    s.description_ja.into(),
                    s.description_en.into(),
                    s.category.into(),
                    s.scope.into(),
                    s.cost.into(),
                    s.cancellable.into(),
                    s.lead.into(),
                    s.capacity.into(),
                    s.ranks.into(),
                    "active".into(),
                    Expr::current_timestamp(),
                ])
                .to_owned();
            m.exec_stmt(insert).await?;
        }

        m.create_table(
            Table::create()
                .table(Applications::Table)
                .col(pk_uuid(Applications::Id))
                .col(uuid(Applications::CompanyId))
                .col(string(Applications::ServiceCode))
                .col(string(Applications::State))
                .col(integer(Applications::TicketCost))
                .col(boolean(Applications::Cancellable))
                .col(integer(Applications::FiscalYear))
                .col(string_null(Applications::AwsAccountId))
                .col(text_null(Applications::PreferredSchedule))
                .col(text_null(Applications::Notes))
                .col(text_null(Applications::HearingSheet))
                .col(uuid(Applications::CreatedBy))
                .col(timestamp_with_time_zone(Applications::CreatedAt))
                .col(timestamp_with_time_zone(Applications::UpdatedAt))
                .col(string_null(Applications::IdempotencyKey))
                .col(string_null(Applications::RequestHash))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_applications_company")
                        .from(Applications::Table, Applications::CompanyId)
                        .to(Companies::Table, Companies::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_applications_service")
                        .from(Applications::Table, Applications::ServiceCode)
                        .to(OptionServices::Table, OptionServices::Code)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_applications_company_created")
                .table(Applications::Table)
                .col(Applications::CompanyId)
                .col(Applications::CreatedAt)
                .to_owned(),
        )
        .await?;
        // A retried POST with the same key finds the first application instead of making a second.
        m.create_index(
            Index::create()
                .name("uq_applications_idempotency")
                .table(Applications::Table)
                .col(Applications::CompanyId)
                .col(Applications::IdempotencyKey)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_applications_state")
                .table(Applications::Table)
                .col(Applications::State)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ApplicationEvents::Table)
                .col(pk_uuid(ApplicationEvents::Id))
                .col(uuid(ApplicationEvents::ApplicationId))
                .col(integer(ApplicationEvents::Step))
                .col(string_null(ApplicationEvents::FromState))
                .col(string(ApplicationEvents::ToState))
                .col(uuid_null(ApplicationEvents::ActorId))
                .col(string(ApplicationEvents::ActorLabel))
                .col(text_null(ApplicationEvents::Note))
                .col(timestamp_with_time_zone(ApplicationEvents::At))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_application_events_application")
                        .from(ApplicationEvents::Table, ApplicationEvents::ApplicationId)
                        .to(Applications::Table, Applications::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_application_events_step")
                .table(ApplicationEvents::Table)
                .col(ApplicationEvents::ApplicationId)
                .col(ApplicationEvents::Step)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ApplicationEvents::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(Applications::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(OptionServices::Table).to_owned()).await
    }
}
