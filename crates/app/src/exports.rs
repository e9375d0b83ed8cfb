//! Files people download and open in spreadsheet software.

use portal_db::entities::ticket_ledger;
use portal_domain::fiscal::format_jst;
use portal_domain::ledger::EntryKind;

use crate::error::AppError;
use crate::views;

fn kind_label(kind: EntryKind, ja: bool) -> &'static str {
    match (kind, ja) {
        (EntryKind::Grant, true) => "付与",
        (EntryKind::Consume, true) => "利用",
        (EntryKind::Refund, true) => "返却",
        (EntryKind::Expire, true) => "失効",
        (EntryKind::Adjust, true) => "調整",
        (EntryKind::Withdraw, true) => "ランク変更による減算",
        (k, false) => k.as_str(),
    }
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return
/// before one) gets a leading apostrophe, so it is shown as text (OWASP "CSV injection").
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// The ticket history as CSV (R3.4): UTF-8 with a byte-order mark (so spreadsheet software detects
/// it), oldest first, times in JST, CRLF line ends.
pub fn tickets_csv(entries: Vec<ticket_ledger::Model>, ja: bool) -> Result<String, AppError> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let header: [&str; 8] = if ja {
        ["番号", "日時(JST)", "種別", "数量", "残高", "年度", "有効期限(JST)", "内容"]
    } else {
        ["seq", "time_jst", "kind", "amount", "balance", "fiscal_year", "expires_at_jst", "reason"]
    };
    w.write_record(header).map_err(AppError::internal)?;
    for e in entries {
        let view = views::ledger_entry(e)?;
        w.write_record([
            view.seq.to_string(),
            format_jst(view.at),
            kind_label(view.kind, ja).to_owned(),
            view.amount.to_string(),
            view.balance_after.to_string(),
            view.fiscal_year.0.to_string(),
            view.expires_at.map(format_jst).unwrap_or_default(),
            neutralise(&if ja { view.reason.text_ja() } else { view.reason.text_en() }),
        ])
        .map_err(AppError::internal)?;
    }
    let bytes = w.into_inner().map_err(AppError::internal)?;
    let body = String::from_utf8(bytes).map_err(AppError::internal)?;
    Ok(format!("\u{feff}{body}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("手動調整: =1+1"), "手動調整: =1+1");
        assert_eq!(neutralise(""), "");
    }
}
