//! Renders the driver's INF from the `.inx` template, as `stampinf` does on Windows:
//! `$ARCH$` decorations resolved, `DriverVer` stamped and `CatalogFile` set in `[Version]`.

use std::time::{SystemTime, UNIX_EPOCH};

/// A calendar date for `DriverVer`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

/// Today's date (UTC), or the date of `SOURCE_DATE_EPOCH` for reproducible packages.
pub fn today() -> Date {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    date_from_unix_days(seconds.div_euclid(86_400))
}

/// Converts days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// civil-from-days algorithm, restated).
pub fn date_from_unix_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Date { year, month, day }
}

/// `0.1.0` → `0.1.0.0`: DriverVer wants four numeric parts.
fn four_part_version(version: &str) -> Result<String, String> {
    let parts: Vec<&str> = version.split(['.', '-', '+']).take(4).collect();
    let mut numbers = Vec::new();
    for part in parts {
        match part.parse::<u16>() {
            Ok(n) => numbers.push(n.to_string()),
            Err(_) => break,
        }
    }
    if numbers.is_empty() {
        return Err(format!("version {version:?} has no numeric part"));
    }
    numbers.resize(4, "0".into());
    Ok(numbers.join("."))
}

/// Renders `inx` for `arch` (`amd64` or `arm64`).
pub fn render(
    inx: &str,
    arch: &str,
    date: &Date,
    version: &str,
    catalog: &str,
) -> Result<String, String> {
    let driver_ver = format!(
        "DriverVer   = {:02}/{:02}/{:04},{}",
        date.month,
        date.day,
        date.year,
        four_part_version(version)?
    );
    let catalog_line = format!("CatalogFile = {catalog}");
    let mut out = Vec::new();
    let mut in_version = false;
    let mut stamped = false;
    for line in inx.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            if in_version && !stamped {
                out.push(catalog_line.clone());
                out.push(driver_ver.clone());
                stamped = true;
            }
            in_version = trimmed.eq_ignore_ascii_case("[Version]");
        }
        let key = trimmed.split('=').next().unwrap_or("").trim();
        if in_version
            && (key.eq_ignore_ascii_case("DriverVer") || key.eq_ignore_ascii_case("CatalogFile"))
        {
            continue; // replaced by the stamped values
        }
        out.push(line.replace("$ARCH$", arch));
    }
    if !stamped {
        if !in_version {
            return Err("the .inx has no [Version] section".into());
        }
        out.push(catalog_line);
        out.push(driver_ver);
    }
    let text = out.join("\r\n") + "\r\n";
    if text.contains('$') && text.contains("$ARCH") {
        return Err("unresolved $ARCH decoration".into());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(
            date_from_unix_days(0),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            date_from_unix_days(11_016),
            Date {
                year: 2000,
                month: 2,
                day: 29
            }
        );
        assert_eq!(
            date_from_unix_days(20_784),
            Date {
                year: 2026,
                month: 11,
                day: 27
            }
        );
        assert_eq!(
            date_from_unix_days(-1),
            Date {
                year: 1969,
                month: 12,
                day: 31
            }
        );
    }

    #[test]
    fn versions_have_four_parts() {
        assert_eq!(four_part_version("0.1.0").unwrap(), "0.1.0.0");
        assert_eq!(four_part_version("1.2.3-beta.1").unwrap(), "1.2.3.0");
        assert!(four_part_version("x").is_err());
    }

    #[test]
    fn renders_version_section_and_arch() {
        let inx = "[Version]\nSignature = \"$WINDOWS NT$\"\nClass = Net\nDriverVer = old\n\n[Manufacturer]\n%M% = Std, NT$ARCH$.10.0...16299\n";
        let date = Date {
            year: 2026,
            month: 11,
            day: 7,
        };
        let inf = render(inx, "amd64", &date, "0.1.0", "ipsecov2.cat").unwrap();
        assert!(inf.contains("CatalogFile = ipsecov2.cat\r\n"));
        assert!(inf.contains("DriverVer   = 11/07/2026,0.1.0.0\r\n"));
        assert!(!inf.contains("DriverVer = old"));
        assert!(inf.contains("NTamd64.10.0...16299"));
        assert!(
            inf.contains("\"$WINDOWS NT$\""),
            "the signature's $ signs stay"
        );
        let version = inf.find("[Version]").unwrap();
        let manufacturer = inf.find("[Manufacturer]").unwrap();
        let stamped = inf.find("DriverVer").unwrap();
        assert!(version < stamped && stamped < manufacturer);
    }

    #[test]
    fn the_real_inx_renders() {
        let path = crate::steps::root().join("inf").join("ipsecov2.inx");
        let inx = std::fs::read_to_string(path).unwrap();
        let date = Date {
            year: 2026,
            month: 1,
            day: 2,
        };
        let inf = render(&inx, "amd64", &date, "0.1.0", "ipsecov2.cat").unwrap();
        assert!(!inf.contains("$ARCH$"));
        for needed in [
            "Class       = Net",
            "{4d36e972-e325-11ce-bfc1-08002be10318}",
            "Characteristics     = 0x1",
            "*IPsecOffloadV2,",
            "*IPsecOffloadV2IPv4,",
            "SaOffloadCapacity,",
            "ipsecov2.sys",
            "CatalogFile = ipsecov2.cat",
        ] {
            assert!(inf.contains(needed), "rendered INF lacks {needed:?}");
        }
    }

    #[test]
    fn missing_version_section_is_an_error() {
        let date = Date {
            year: 2026,
            month: 1,
            day: 2,
        };
        assert!(render("[Strings]\nA = b\n", "amd64", &date, "0.1.0", "x.cat").is_err());
    }
}
