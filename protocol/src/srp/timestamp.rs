//! The TIMESTAMP of a password claim: `EEE MMM d HH:mm:ss UTC yyyy`, English names, UTC, the
//! day of month not zero-padded (`Thu Dec 3 00:00:09 UTC 2026`). Cognito refuses a padded day.

use super::error::SrpError;

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Formats Unix seconds as a TIMESTAMP.
pub fn format_timestamp(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    // 1970-01-01 was a Thursday.
    let weekday = WEEKDAYS[(days + 4).rem_euclid(7) as usize];
    format!(
        "{weekday} {} {day} {:02}:{:02}:{:02} UTC {year}",
        MONTHS[month as usize - 1],
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Parses a TIMESTAMP strictly and returns its Unix seconds.
///
/// Text that does not have the shape is a format error; text with the shape that is not what
/// [`format_timestamp`] would print (a padded day, a wrong weekday) is refused as not canonical.
pub fn parse_timestamp(text: &str) -> Result<i64, SrpError> {
    let unix = parse_fields(text).ok_or(SrpError::TimestampFormat)?;
    if format_timestamp(unix) != text {
        return Err(SrpError::TimestampNotCanonical);
    }
    Ok(unix)
}

fn parse_fields(text: &str) -> Option<i64> {
    let parts: Vec<&str> = text.split(' ').collect();
    let [weekday, month, day, time, "UTC", year] = parts.as_slice() else {
        return None;
    };
    WEEKDAYS.iter().position(|w| w == weekday)?;
    let month = MONTHS.iter().position(|m| m == month)? as u32 + 1;
    let day: u32 = digits(day, 1, 2)?;
    let year: i64 = digits(year, 4, 4)?;
    let mut hms = time.split(':');
    let (h, m, s) = (hms.next()?, hms.next()?, hms.next()?);
    if hms.next().is_some() {
        return None;
    }
    let (h, m, s): (i64, i64, i64) = (digits(h, 2, 2)?, digits(m, 2, 2)?, digits(s, 2, 2)?);
    if h > 23 || m > 59 || s > 59 || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s)
}

fn digits<T: std::str::FromStr>(s: &str, min: usize, max: usize) -> Option<T> {
    let ok = (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| s.parse().ok()).flatten()
}

fn days_in_month(year: i64, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 → (year, month 1..=12, day 1..=31), proleptic Gregorian.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// (year, month, day) → days since 1970-01-01, the inverse of [`civil_from_days`].
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_the_reference_clients() {
        assert_eq!(
            format_timestamp(1_796_256_009),
            "Thu Dec 3 00:00:09 UTC 2026"
        );
        assert_eq!(
            format_timestamp(1_795_564_799),
            "Tue Nov 24 23:59:59 UTC 2026"
        );
        assert_eq!(
            format_timestamp(1_798_761_600),
            "Fri Jan 1 00:00:00 UTC 2027"
        );
        assert_eq!(format_timestamp(0), "Thu Jan 1 00:00:00 UTC 1970");
        assert_eq!(
            format_timestamp(951_782_400),
            "Tue Feb 29 00:00:00 UTC 2000"
        );
    }

    #[test]
    fn parse_inverts_format_over_many_instants() {
        let mut t = -86_400 * 365 * 3;
        while t < 4_102_444_800 {
            assert_eq!(parse_timestamp(&format_timestamp(t)), Ok(t));
            t += 987_654;
        }
    }

    #[test]
    fn refuses_malformed_and_non_canonical_text() {
        use SrpError::{TimestampFormat as F, TimestampNotCanonical as C};
        let cases = [
            ("Thu Dec 03 00:00:09 UTC 2026", C),
            ("Fri Dec 3 00:00:09 UTC 2026", C),
            ("Thu Dec 3 24:00:09 UTC 2026", F),
            ("Thu Dec 3 0:00:09 UTC 2026", F),
            ("Thu Dec  3 00:00:09 UTC 2026", F),
            ("Thu Dec 3 00:00:09 GMT 2026", F),
            ("Mon Feb 12 15:26:37 +05:30 2018", F),
            ("Thu Feb 30 00:00:09 UTC 2026", F),
            ("thu Dec 3 00:00:09 UTC 2026", F),
            ("", F),
        ];
        for (text, want) in cases {
            assert_eq!(parse_timestamp(text), Err(want), "{text}");
        }
    }
}
