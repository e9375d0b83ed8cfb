//! Messages of the trainings page (R5) and the names of the staff pages for trainings and the
//! service catalogue (the customers' bundle names them too: navigation, document titles).

use portal_domain::trainings::TrainingFormat;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrainingMsg {
    NavTrainings,
    TrainingsTitle,
    TrainingsIntro,
    FreeLeft,
    FreeLeftN,
    ColTitle,
    ColFormat,
    ColDate,
    ColDuration,
    ColSeats,
    ColBooking,
    Seminar,
    HandsOn,
    MinutesN,
    SeatsN,
    NoLimit,
    NoTrainings,
    BookFree,
    BookTickets,
    ViaTickets,
    BookedFree,
    BookedTickets,
    ViewApplication,
    CancelBooking,
    CancelBookingTitle,
    CancelBookingBody,
    DoCancelBooking,
    BookConfirmTitle,
    BookConfirmBody,
    DoBook,
    Booked,
    BookingCancelled,
    RefFull,
    RefPast,
    RefAlreadyBooked,
    RefNoFree,
    RefUsedUp,
    OnlyRepBooks,
    // Staff page names.
    NavAdminTrainings,
    AdminTrainingsTitle,
    NavAdminServices,
    AdminServicesTitle,
}

impl TrainingMsg {
    pub(super) fn pair(self) -> (&'static str, &'static str) {
        use TrainingMsg::*;
        match self {
            NavTrainings | TrainingsTitle => ("トレーニング", "Trainings"),
            TrainingsIntro => (
                "今年度のトレーニングです（日時は日本時間）。ランクに応じた無料枠があり、使い切った後は同じトレーニングをチケットでお申し込みいただけます（オプションサービス「AWS トレーニング」）。",
                "This fiscal year's trainings (times in JST). Your rank includes free trainings; once they are used, the same trainings can be booked with tickets (the aws-training option).",
            ),
            FreeLeft => ("今年度の無料トレーニングの残り", "Free trainings left this year"),
            FreeLeftN => ("{n} 回", "{n}"),
            ColTitle => ("トレーニング", "Training"),
            ColFormat => ("形式", "Format"),
            ColDate => ("日時", "When (JST)"),
            ColDuration => ("所要時間", "Duration"),
            ColSeats => ("残席", "Seats left"),
            ColBooking => ("お申し込み", "Booking"),
            Seminar => ("セミナー", "Seminar"),
            HandsOn => ("ハンズオン", "Hands-on"),
            MinutesN => ("{n} 分", "{n} min"),
            SeatsN => ("{n} 席", "{n}"),
            NoLimit => ("制限なし", "No limit"),
            NoTrainings => ("今年度のトレーニングはまだ登録されていません。", "No trainings have been added for this fiscal year yet."),
            BookFree => ("無料で予約する", "Book free"),
            BookTickets => ("チケット {n} 枚で申し込む", "Book with {n} tickets"),
            ViaTickets => (
                "無料枠を使い切ったため、チケット {n} 枚でのお申し込みになります（AWS トレーニング）。",
                "Your free trainings are used: this one is booked with {n} tickets (aws-training).",
            ),
            BookedFree => ("予約済み（無料枠）", "Booked (free)"),
            BookedTickets => ("申込済み（チケット）", "Booked (tickets)"),
            ViewApplication => ("申込を見る", "View the application"),
            CancelBooking => ("予約を取り消す", "Cancel the booking"),
            CancelBookingTitle => ("予約の取り消し", "Cancel the booking"),
            CancelBookingBody => (
                "「{title}」の予約を取り消します。無料枠が 1 回分戻ります。よろしいですか？",
                "This cancels your booking of “{title}” and gives back one free training. Continue?",
            ),
            DoCancelBooking => ("取り消す", "Cancel it"),
            BookConfirmTitle => ("チケットでのお申し込み", "Book with tickets"),
            BookConfirmBody => (
                "「{title}」をチケット {n} 枚で申し込みます（AWS トレーニング）。お申し込み後の残高は {after} 枚です。よろしいですか？",
                "This books “{title}” with {n} tickets (aws-training). Your balance afterwards: {after}. Continue?",
            ),
            DoBook => ("申し込む", "Book"),
            Booked => ("「{title}」を予約しました。", "“{title}” is booked."),
            BookingCancelled => ("予約を取り消しました。無料枠が 1 回分戻りました。", "The booking is cancelled; one free training is back."),
            RefFull => ("満席です。", "Fully booked."),
            RefPast => ("受付を終了しました。", "Booking has closed."),
            RefAlreadyBooked => ("予約済みです。", "Already booked."),
            RefNoFree => ("{rank} ランクには無料トレーニングがありません。", "{rank} companies have no free trainings."),
            RefUsedUp => ("今年度の無料枠は使い切りました。", "This year's free trainings are used."),
            OnlyRepBooks => (
                "お申し込みは会社の代表者のみが行えます。代表者にご依頼ください。",
                "Only your company's representative can book. Please ask them.",
            ),
            NavAdminTrainings | AdminTrainingsTitle => ("トレーニングメニュー", "Training menu"),
            NavAdminServices | AdminServicesTitle => ("サービスカタログ", "Service catalogue"),
        }
    }

    pub fn for_format(f: TrainingFormat) -> TrainingMsg {
        match f {
            TrainingFormat::Seminar => TrainingMsg::Seminar,
            TrainingFormat::HandsOn => TrainingMsg::HandsOn,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text exists in both languages and names the same placeholders in each.
    #[test]
    fn every_text_is_in_both_languages_with_the_same_placeholders() {
        let all = [
            TrainingMsg::NavTrainings,
            TrainingMsg::TrainingsTitle,
            TrainingMsg::TrainingsIntro,
            TrainingMsg::FreeLeft,
            TrainingMsg::FreeLeftN,
            TrainingMsg::ColTitle,
            TrainingMsg::ColFormat,
            TrainingMsg::ColDate,
            TrainingMsg::ColDuration,
            TrainingMsg::ColSeats,
            TrainingMsg::ColBooking,
            TrainingMsg::Seminar,
            TrainingMsg::HandsOn,
            TrainingMsg::MinutesN,
            TrainingMsg::SeatsN,
            TrainingMsg::NoLimit,
            TrainingMsg::NoTrainings,
            TrainingMsg::BookFree,
            TrainingMsg::BookTickets,
            TrainingMsg::ViaTickets,
            TrainingMsg::BookedFree,
            TrainingMsg::BookedTickets,
            TrainingMsg::ViewApplication,
            TrainingMsg::CancelBooking,
            TrainingMsg::CancelBookingTitle,
            TrainingMsg::CancelBookingBody,
            TrainingMsg::DoCancelBooking,
            TrainingMsg::BookConfirmTitle,
            TrainingMsg::BookConfirmBody,
            TrainingMsg::DoBook,
            TrainingMsg::Booked,
            TrainingMsg::BookingCancelled,
            TrainingMsg::RefFull,
            TrainingMsg::RefPast,
            TrainingMsg::RefAlreadyBooked,
            TrainingMsg::RefNoFree,
            TrainingMsg::RefUsedUp,
            TrainingMsg::OnlyRepBooks,
            TrainingMsg::NavAdminTrainings,
            TrainingMsg::AdminTrainingsTitle,
            TrainingMsg::NavAdminServices,
            TrainingMsg::AdminServicesTitle,
        ];
        let holes = |s: &str| {
            let mut v: Vec<String> =
                s.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|(h, _)| h.to_owned()).collect();
            v.sort();
            v
        };
        for m in all {
            let (ja, en) = m.pair();
            assert!(!ja.is_empty() && !en.is_empty(), "{m:?}");
            assert_eq!(holes(ja), holes(en), "{m:?}");
        }
    }
}
