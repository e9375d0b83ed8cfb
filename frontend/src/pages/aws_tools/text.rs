//! Text the tools show that comes from AWS: Trusted Advisor's check descriptions are HTML, shown
//! here as plain text (never as markup: it comes from outside the portal), and flagged resources'
//! values are sorted as numbers when they are numbers.

use std::cmp::Ordering;

/// The text of an HTML fragment: tags dropped (block tags and `<br>` end a line), the common
/// entities decoded, blanks collapsed, empty lines dropped.
pub fn html_to_text(html: &str) -> String {
    let mut raw = String::with_capacity(html.len());
    let mut tag: Option<String> = None;
    for c in html.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(name), '>') => {
                let word: String = name
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let block = matches!(
                    word.as_str(),
                    "br" | "p" | "div" | "li" | "ul" | "ol" | "tr" | "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                );
                raw.push(if block { '\n' } else { ' ' });
                tag = None;
            }
            (Some(name), c) => name.push(c),
            (None, c) => raw.push(c),
        }
    }
    let decoded = decode_entities(&raw);
    decoded
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&tail[1..e]));
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let code = name.strip_prefix('#')?;
            let n = match code.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => code.parse().ok()?,
            };
            char::from_u32(n).filter(|c| !c.is_control() || c.is_whitespace())
        }
    }
}

/// A number written in a resource's value (`18.00`, `$1,234.50`, `12%`), if it is one.
fn as_number(s: &str) -> Option<f64> {
    let cleaned: String = s.trim().chars().filter(|c| !matches!(c, '$' | ',' | '%' | ' ')).collect();
    if cleaned.is_empty() {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Orders two values of a column: as numbers when both are, else as text regardless of case; an
/// empty value comes last.
pub fn compare_values(a: &str, b: &str) -> Ordering {
    match (a.trim().is_empty(), b.trim().is_empty()) {
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        (true, true) => return Ordering::Equal,
        _ => {}
    }
    match (as_number(a), as_number(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => a.to_lowercase().cmp(&b.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_from_aws_become_plain_text() {
        let html = "Checks your load balancers.<br>\n<br><b>Alert Criteria</b><br>Yellow: fewer than 100 requests &amp; <i>no</i> instances.<script>alert(1)</script>";
        assert_eq!(
            html_to_text(html),
            "Checks your load balancers.\nAlert Criteria\nYellow: fewer than 100 requests & no instances. alert(1)"
        );
        assert_eq!(html_to_text("a &lt;b&gt; &#39;c&#x27; &unknown; &"), "a <b> 'c' &unknown; &");
        assert_eq!(html_to_text("<p>一つ目</p><p>二つ目&nbsp;です</p>"), "一つ目\n二つ目 です");
    }

    #[test]
    fn values_sort_as_numbers_when_they_are_numbers() {
        assert_eq!(compare_values("9.50", "18.00"), Ordering::Less);
        assert_eq!(compare_values("$1,200.00", "$105.45"), Ordering::Greater);
        assert_eq!(compare_values("web-old", "Api"), Ordering::Greater);
        assert_eq!(compare_values("", "a"), Ordering::Greater);
        assert_eq!(compare_values("a", ""), Ordering::Less);
    }
}
