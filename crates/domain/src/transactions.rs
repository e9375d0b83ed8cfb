//! The CSV that staff import to record monthly transaction volume (R2.4), which decides ranks (R2.2).
//!
//! Every row is checked and every problem reported, with physical line numbers, so staff can fix a
//! spreadsheet export in one pass instead of re-uploading once per mistake.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::codes::ErrorCode;

pub const HEADER: [&str; 3] = ["company_code", "year_month", "amount_yen"];
/// ¥10 trillion: far above any customer, low enough that a yearly sum cannot overflow `i64`.
pub const MAX_AMOUNT_YEN: i64 = 10_000_000_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TransactionRow {
    pub line: usize,
    pub company_code: String,
    pub year: i32,
    pub month: u32,
    pub amount_yen: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RowError {
    /// 1-based physical line, as a text editor or spreadsheet shows it.
    pub line: usize,
    /// A column name, or "row" / "file" when the problem is not one cell.
    pub field: String,
    pub code: ErrorCode,
    pub message: String,
}

impl RowError {
    fn new(line: usize, field: &str, code: ErrorCode, message: impl Into<String>) -> RowError {
        RowError { line, field: field.into(), code, message: message.into() }
    }
}

/// Shared with onboarding so an imported row can only name a code that could exist.
pub fn company_code_valid(code: &str) -> bool {
    (1..=32).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

struct Field {
    value: String,
    quoted: bool,
}

/// Splits one physical line. No field of this format can contain a newline, so a quote left open at
/// the end of the line is an error on that line rather than a reason to swallow the rest of the file.
fn split_line(line: &str) -> Result<Vec<Field>, (ErrorCode, &'static str)> {
    let mut fields = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
            chars.next();
        }
        let mut value = String::new();
        let quoted = chars.peek() == Some(&'"');
        if quoted {
            chars.next();
            loop {
                match chars.next() {
                    None => return Err((ErrorCode::UnterminatedQuote, "a quoted field is not closed on this line")),
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        value.push('"');
                    }
                    Some('"') => break,
                    Some(c) => value.push(c),
                }
            }
            while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
                chars.next();
            }
            if chars.peek().is_some_and(|c| *c != ',') {
                return Err((
                    ErrorCode::BadQuote,
                    "text follows a closing quote; write \"\" for a quote inside a field",
                ));
            }
        } else {
            while let Some(c) = chars.peek().copied().filter(|c| *c != ',') {
                if c == '"' {
                    return Err((ErrorCode::BadQuote, "a quote inside an unquoted field; quote the whole field"));
                }
                value.push(c);
                chars.next();
            }
        }
        fields.push(Field { value: value.trim().to_string(), quoted });
        if chars.next().is_none() {
            return Ok(fields);
        }
    }
}

fn parse_year_month(s: &str) -> Result<(i32, u32), (ErrorCode, String)> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 7 && b[4] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || c.is_ascii_digit());
    if !shape_ok {
        return Err((ErrorCode::InvalidYearMonth, format!("\"{s}\" is not YYYY-MM, e.g. 2024-01")));
    }
    let year: i32 = s[..4].parse().expect("four ASCII digits");
    let month: u32 = s[5..].parse().expect("two ASCII digits");
    if !(1..=12).contains(&month) {
        return Err((ErrorCode::InvalidYearMonth, format!("month {month:02} is not 01–12")));
    }
    if !(2000..=2100).contains(&year) {
        return Err((ErrorCode::YearOutOfRange, format!("year {year} is not 2000–2100")));
    }
    Ok((year, month))
}

/// Thousands separators can only reach us inside quotes (unquoted, they would split the column), and
/// must group properly so that "1,0000" is not silently read as ten thousand.
fn parse_amount(f: &Field) -> Result<i64, (ErrorCode, String)> {
    let s = f.value.as_str();
    let invalid = || (ErrorCode::InvalidAmount, format!("\"{s}\" is not a non-negative whole number of yen"));
    let digits: String = if f.quoted && s.contains(',') {
        let groups: Vec<&str> = s.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(invalid());
        }
        groups.concat()
    } else {
        s.to_string()
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    match digits.parse::<i64>() {
        Ok(v) if v <= MAX_AMOUNT_YEN => Ok(v),
        _ => Err((ErrorCode::AmountTooLarge, format!("{s} exceeds the maximum of {MAX_AMOUNT_YEN} yen"))),
    }
}

/// Parses one cell, recording its error; an empty cell is reported as missing rather than malformed.
fn cell<T>(
    line: usize,
    field: &str,
    f: &Field,
    errors: &mut Vec<RowError>,
    parse: impl FnOnce(&Field) -> Result<T, (ErrorCode, String)>,
) -> Option<T> {
    let result = if f.value.is_empty() { Err((ErrorCode::Required, format!("{field} is empty"))) } else { parse(f) };
    result.map_err(|(code, msg)| errors.push(RowError::new(line, field, code, msg))).ok()
}

fn is_blank(fields: &[Field]) -> bool {
    fields.iter().all(|f| f.value.is_empty())
}

/// All or nothing: a partial import would leave a year's volume, and so a rank, silently short.
/// A line of only commas counts as blank, because spreadsheets export empty rows that way.
pub fn parse_csv(text: &str) -> Result<Vec<TransactionRow>, Vec<RowError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split('\n').enumerate().map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)));
    let mut errors = Vec::new();

    let header = lines.by_ref().find(|(_, l)| !matches!(split_line(l), Ok(f) if is_blank(&f)));
    let Some((header_line, header)) = header else {
        return Err(vec![RowError::new(1, "file", ErrorCode::EmptyFile, "the file has no header and no rows")]);
    };
    let header_ok = split_line(header)
        .is_ok_and(|f| f.len() == HEADER.len() && f.iter().zip(HEADER).all(|(f, h)| f.value.eq_ignore_ascii_case(h)));
    if !header_ok {
        let msg = format!("the first line must be the header \"{}\"", HEADER.join(","));
        return Err(vec![RowError::new(header_line, "file", ErrorCode::BadHeader, msg)]);
    }

    let mut rows = Vec::new();
    let mut seen: HashMap<(String, i32, u32), usize> = HashMap::new();
    for (line, text) in lines {
        let fields = match split_line(text) {
            Ok(f) if is_blank(&f) => continue,
            Ok(f) => f,
            Err((code, msg)) => {
                errors.push(RowError::new(line, "row", code, msg));
                continue;
            }
        };
        if fields.len() != HEADER.len() {
            let mut msg = format!("expected {} columns, found {}", HEADER.len(), fields.len());
            if fields.len() > HEADER.len() {
                msg.push_str("; quote amounts that contain thousands separators, e.g. \"1,200,000\"");
            }
            errors.push(RowError::new(line, "row", ErrorCode::ColumnCount, msg));
            continue;
        }
        let before = errors.len();
        let code = fields[0].value.as_str();
        if code.is_empty() {
            errors.push(RowError::new(line, "company_code", ErrorCode::Required, "company_code is empty"));
        } else if !company_code_valid(code) {
            let msg = format!("\"{code}\" is not 1–32 characters of A–Z, a–z, 0–9, '-', '_'");
            errors.push(RowError::new(line, "company_code", ErrorCode::InvalidCompanyCode, msg));
        }
        let year_month = cell(line, "year_month", &fields[1], &mut errors, |f| parse_year_month(&f.value));
        let amount = cell(line, "amount_yen", &fields[2], &mut errors, parse_amount);
        let (Some((year, month)), Some(amount_yen)) = (year_month, amount) else { continue };
        if errors.len() > before {
            continue;
        }
        match seen.entry((code.to_string(), year, month)) {
            Entry::Occupied(first) => {
                let msg = format!("{code} {year:04}-{month:02} already appears on line {}", first.get());
                errors.push(RowError::new(line, "year_month", ErrorCode::DuplicateRow, msg));
                continue;
            }
            Entry::Vacant(slot) => {
                slot.insert(line);
            }
        }
        rows.push(TransactionRow { line, company_code: code.to_string(), year, month, amount_yen });
    }

    if !errors.is_empty() {
        Err(errors)
    } else if rows.is_empty() {
        Err(vec![RowError::new(1, "file", ErrorCode::EmptyFile, "the file has a header but no rows")])
    } else {
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: usize, code: &str, year: i32, month: u32, amount_yen: i64) -> TransactionRow {
        TransactionRow { line, company_code: code.into(), year, month, amount_yen }
    }

    fn errs(text: &str) -> Vec<(usize, String, String)> {
        parse_csv(text).unwrap_err().into_iter().map(|e| (e.line, e.field, e.code.as_str().to_owned())).collect()
    }

    fn one(line: usize, field: &str, code: &str) -> Vec<(usize, String, String)> {
        vec![(line, field.into(), code.into())]
    }

    #[test]
    fn r2_4_happy_path_with_bom_crlf_quotes_and_blank_lines() {
        let text = "\u{feff}Company_Code,YEAR_MONTH,amount_yen\r\n\
                    ACME,2024-01,1200000\r\n\
                    \r\n\
                    \"acme-2\",\"2024-12\",\"1,200,000\"\r\n\
                    ,,\r\n\
                    \"we_x\",2024-02,0\r\n";
        assert_eq!(
            parse_csv(text).unwrap(),
            vec![row(2, "ACME", 2024, 1, 1_200_000), row(4, "acme-2", 2024, 12, 1_200_000), row(6, "we_x", 2024, 2, 0)]
        );
    }

    #[test]
    fn r2_4_doubled_quotes_unescape_and_then_fail_code_validation() {
        let e = parse_csv("company_code,year_month,amount_yen\n\"A\"\"B\",2024-01,1\n").unwrap_err();
        assert_eq!((e[0].line, e[0].field.as_str(), e[0].code.as_str()), (2, "company_code", "invalid_company_code"));
        assert!(e[0].message.contains("\"A\"B\""), "{}", e[0].message);
    }

    #[test]
    fn r2_4_quoted_header_and_no_trailing_newline() {
        let rows = parse_csv("\"company_code\",\"year_month\",\"amount_yen\"\nA,2024-05,\"1,000\"").unwrap();
        assert_eq!(rows, vec![row(2, "A", 2024, 5, 1000)]);
    }

    #[test]
    fn r2_4_spaces_around_fields_are_trimmed() {
        let rows = parse_csv("company_code , year_month , amount_yen\n  ACME ,  2024-03 , \"  5 \"  \n").unwrap();
        assert_eq!(rows, vec![row(2, "ACME", 2024, 3, 5)]);
    }

    #[test]
    fn r2_4_empty_file_is_an_error_at_line_1() {
        for text in [
            "",
            "\u{feff}",
            "\n\n",
            "\r\n  \r\n",
            "company_code,year_month,amount_yen",
            "company_code,year_month,amount_yen\r\n\r\n",
        ] {
            assert_eq!(errs(text), one(1, "file", "empty_file"), "{text:?}");
        }
    }

    #[test]
    fn r2_4_wrong_header_is_refused() {
        for text in [
            "ACME,2024-01,100\n",
            "company_code,amount_yen,year_month\nACME,100,2024-01\n",
            "company_code,year_month\n",
            "company_code,year_month,amount_yen,note\n",
            "company,year_month,amount_yen\n",
        ] {
            assert_eq!(errs(text), one(1, "file", "bad_header"), "{text:?}");
        }
        assert_eq!(errs("\n\nfoo\n"), one(3, "file", "bad_header"));
    }

    #[test]
    fn r2_4_invalid_company_codes_name_the_field() {
        assert!(company_code_valid("ACME-01_x") && company_code_valid(&"a".repeat(32)));
        for bad in ["", "has space", "ドコモ", "a.b", &"a".repeat(33)] {
            assert!(!company_code_valid(bad), "{bad:?}");
        }
        let h = "company_code,year_month,amount_yen\n";
        assert_eq!(errs(&format!("{h}a.b,2024-01,1\n")), one(2, "company_code", "invalid_company_code"));
        assert_eq!(errs(&format!("{h},2024-01,1\n")), one(2, "company_code", "required"));
    }

    #[test]
    fn r2_4_year_month_must_be_yyyy_mm_within_range() {
        let h = "company_code,year_month,amount_yen\n";
        for bad in ["2024-1", "2024/01", "202401", "2024-13", "2024-00", "24-01", "2024-01-01", "２０２４-01"] {
            assert_eq!(errs(&format!("{h}A,{bad},1\n")), one(2, "year_month", "invalid_year_month"), "{bad}");
        }
        assert_eq!(errs(&format!("{h}A,1999-12,1\n")), one(2, "year_month", "year_out_of_range"));
        assert_eq!(errs(&format!("{h}A,2101-01,1\n")), one(2, "year_month", "year_out_of_range"));
        assert_eq!(errs(&format!("{h}A,,1\n")), one(2, "year_month", "required"));
        assert!(parse_csv(&format!("{h}A,2000-01,1\nA,2100-12,1\n")).is_ok());
    }

    #[test]
    fn r2_4_amount_is_a_non_negative_integer_up_to_ten_trillion() {
        let h = "company_code,year_month,amount_yen\n";
        for bad in ["-1", "1.5", "1e6", "¥100", "100円", "\"1,0000\"", "\",100\"", "\"1,,000\"", "\"1 000\"", "+5"] {
            assert_eq!(errs(&format!("{h}A,2024-01,{bad}\n")), one(2, "amount_yen", "invalid_amount"), "{bad}");
        }
        assert_eq!(parse_csv(&format!("{h}A,2024-01,10000000000000\n")).unwrap()[0].amount_yen, MAX_AMOUNT_YEN);
        assert_eq!(parse_csv(&format!("{h}A,2024-01,\"10,000,000,000,000\"\n")).unwrap()[0].amount_yen, MAX_AMOUNT_YEN);
        assert_eq!(errs(&format!("{h}A,2024-01,10000000000001\n")), one(2, "amount_yen", "amount_too_large"));
        assert_eq!(errs(&format!("{h}A,2024-01,99999999999999999999999\n")), one(2, "amount_yen", "amount_too_large"));
        assert_eq!(errs(&format!("{h}A,2024-01,\n")), one(2, "amount_yen", "required"));
        assert_eq!(parse_csv(&format!("{h}A,2024-01,007\n")).unwrap()[0].amount_yen, 7);
    }

    #[test]
    fn r2_4_unquoted_thousands_separators_split_the_row() {
        let e = parse_csv("company_code,year_month,amount_yen\nA,2024-01,1,200,000\n").unwrap_err();
        assert_eq!((e[0].line, e[0].field.as_str(), e[0].code.as_str()), (2, "row", "column_count"));
        assert!(e[0].message.contains("quote"));
        assert_eq!(errs("company_code,year_month,amount_yen\nA,2024-01\n"), one(2, "row", "column_count"));
    }

    #[test]
    fn r2_4_broken_quotes_are_errors_on_their_own_line() {
        let h = "company_code,year_month,amount_yen\n";
        assert_eq!(errs(&format!("{h}\"A,2024-01,1\nB,2024-01,1\n")), one(2, "row", "unterminated_quote"));
        assert_eq!(errs(&format!("{h}\"A\"x,2024-01,1\n")), one(2, "row", "bad_quote"));
        assert_eq!(errs(&format!("{h}A\"B,2024-01,1\n")), one(2, "row", "bad_quote"));
    }

    #[test]
    fn r2_4_duplicate_company_month_is_reported_on_the_later_line() {
        let text =
            "company_code,year_month,amount_yen\nA,2024-01,1\nB,2024-01,1\nA,2024-02,1\n\nA,2024-01,2\nA,2024-01,3\n";
        let e = parse_csv(text).unwrap_err();
        let got: Vec<_> = e.iter().map(|e| (e.line, e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(got, vec![(6, "year_month", "duplicate_row"), (7, "year_month", "duplicate_row")]);
        assert!(e[0].message.contains("line 2") && e[1].message.contains("line 2"));
    }

    #[test]
    fn r2_4_every_error_in_every_row_is_reported() {
        let text = "company_code,year_month,amount_yen\r\n\
                    ok,2024-01,1\r\n\
                    bad code,2024-13,-5\r\n\
                    ok,2024-01,\"1,000\"\r\n\
                    x,2024-02\r\n\
                    y,1990-02,5\r\n";
        let got = errs(text);
        let expect = [
            (3, "company_code", "invalid_company_code"),
            (3, "year_month", "invalid_year_month"),
            (3, "amount_yen", "invalid_amount"),
            (4, "year_month", "duplicate_row"),
            (5, "row", "column_count"),
            (6, "year_month", "year_out_of_range"),
        ];
        assert_eq!(got, expect.map(|(l, f, c)| (l, f.to_string(), c.to_string())).to_vec());
    }

    #[test]
    fn row_error_serializes_with_plain_field_names() {
        let e = RowError::new(3, "amount_yen", ErrorCode::InvalidAmount, "x");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"line": 3, "field": "amount_yen", "code": "invalid_amount", "message": "x"})
        );
    }
}
