//! How `ipsecov2ctl sas` prints a decoded SA report: one block per bundle for people, or JSON
//! for scripts.

use ipsecov2_core::sa::{AuthAlgorithm, EncAlgorithm};
use ipsecov2_core::sa_report::{Report, ReportElement, ReportEntry};
use serde_json::{Value, json};
use std::fmt::Write;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The report as text, one block per bundle.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} SA bundle(s)", report.live);
    for entry in &report.entries {
        let _ = writeln!(
            out,
            "handle {:#018x}  {}  IPv{}  {} -> {}{}",
            entry.handle,
            if entry.inbound {
                "inbound "
            } else {
                "outbound"
            },
            entry.ip_version,
            address(entry, &entry.source),
            address(entry, &entry.destination),
            if entry.udp_encapsulation != 0 {
                format!("  UDP encapsulation {:#x}", entry.udp_encapsulation)
            } else {
                String::new()
            }
        );
        for element in entry.elements.iter().flatten() {
            let _ = writeln!(
                out,
                "  {} SPI {:#010x}  {}{}  seq {}",
                protocol(element),
                element.spi,
                algorithms(element),
                if element.esn {
                    format!("  ESN high {}", element.seq_high)
                } else {
                    String::new()
                },
                element.seq_top
            );
        }
        let c = &entry.counters;
        let _ = writeln!(
            out,
            "  packets {}  bytes {}  ICV failures {}  bad trailers {}  sequence exhausted {}",
            c.packets, c.bytes, c.icv_failures, c.bad_trailers, c.seq_exhausted
        );
    }
    out
}

/// The report as one JSON document.
pub fn json(report: &Report) -> String {
    let entries: Vec<Value> = report.entries.iter().map(entry_json).collect();
    let doc = json!({ "live": report.live, "bundles": entries });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn entry_json(entry: &ReportEntry) -> Value {
    let elements: Vec<Value> = entry
        .elements
        .iter()
        .flatten()
        .map(|e| {
            json!({
                "protocol": protocol(e),
                "spi": e.spi,
                "esn": e.esn,
                "seq_high": e.seq_high,
                "seq": e.seq_top,
                "integrity": AuthAlgorithm::from_bit(e.auth_algorithm).map(|a| format!("{a:?}")),
                "encryption": EncAlgorithm::from_bit(e.enc_algorithm).map(|a| format!("{a:?}")),
                "icv_len": e.icv_len,
            })
        })
        .collect();
    let c = &entry.counters;
    json!({
        "handle": entry.handle,
        "direction": if entry.inbound { "inbound" } else { "outbound" },
        "ip_version": entry.ip_version,
        "source": address(entry, &entry.source),
        "destination": address(entry, &entry.destination),
        "udp_encapsulation": entry.udp_encapsulation,
        "elements": elements,
        "counters": {
            "packets": c.packets,
            "bytes": c.bytes,
            "icv_failures": c.icv_failures,
            "bad_trailers": c.bad_trailers,
            "seq_exhausted": c.seq_exhausted,
        },
    })
}

fn protocol(element: &ReportElement) -> &'static str {
    match element.ip_protocol {
        50 => "ESP",
        51 => "AH",
        _ => "?",
    }
}

fn algorithms(element: &ReportElement) -> String {
    let enc = EncAlgorithm::from_bit(element.enc_algorithm);
    let auth = AuthAlgorithm::from_bit(element.auth_algorithm);
    let names = match (enc, auth) {
        (Some(e), Some(a)) => format!("{e:?} + {a:?}"),
        (Some(e), None) => format!("{e:?}"),
        (None, Some(a)) => format!("{a:?}"),
        (None, None) => return "no algorithm".into(),
    };
    match element.icv_len {
        0 => names,
        icv => format!("{names} (ICV {icv})"),
    }
}

fn address(entry: &ReportEntry, bytes: &[u8; 16]) -> String {
    if bytes.iter().all(|b| *b == 0) {
        return "any".into();
    }
    if entry.ip_version == 4 {
        Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3]).to_string()
    } else {
        Ipv6Addr::from(*bytes).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ipsecov2_core::sa::{Direction, SaCounters, SaTable};
    use ipsecov2_core::sa_oids::build::samples::{esp_gcm128, esp_then_ah};
    use ipsecov2_core::sa_report::{decode_report, write_report};

    fn sample_report() -> Report {
        let table = SaTable::new(4, 7).unwrap();
        let out = table
            .add(esp_gcm128(Direction::Outbound, 0x0102_0304))
            .unwrap();
        table
            .add(esp_then_ah(Direction::Inbound, 0x1111_2222, 0x3333_4444))
            .unwrap();
        SaCounters::bump(&table.get(out).unwrap().counters.packets);
        let mut buf = vec![0u8; 1024];
        let n = write_report(&table, &mut buf).unwrap();
        decode_report(&buf[..n]).unwrap()
    }

    #[test]
    fn text_names_every_bundle_and_counter() {
        let text = text(&sample_report());
        assert!(text.starts_with("2 SA bundle(s)\n"), "{text}");
        assert!(
            text.contains("outbound  IPv4  192.0.2.1 -> 192.0.2.2"),
            "{text}"
        );
        assert!(
            text.contains("ESP SPI 0x01020304  AesGcm128 (ICV 16)  seq 0"),
            "{text}"
        );
        assert!(
            text.contains("inbound   IPv6  2001:db8::1 -> 2001:db8::2"),
            "{text}"
        );
        assert!(
            text.contains("ESP SPI 0x11112222  AesCbc256 + HmacSha256_128 (ICV 16)  ESN high 7"),
            "{text}"
        );
        assert!(
            text.contains("AH SPI 0x33334444  HmacSha1_96 (ICV 12)"),
            "{text}"
        );
        assert!(
            text.contains("packets 1  bytes 0  ICV failures 0"),
            "{text}"
        );
    }

    #[test]
    fn json_is_parseable_and_complete() {
        let doc: Value = serde_json::from_str(&json(&sample_report())).unwrap();
        assert_eq!(doc["live"], 2);
        let bundles = doc["bundles"].as_array().unwrap();
        assert_eq!(bundles.len(), 2);
        let out = bundles
            .iter()
            .find(|b| b["direction"] == "outbound")
            .unwrap();
        assert_eq!(out["elements"][0]["spi"], 0x0102_0304);
        assert_eq!(out["elements"][0]["encryption"], "AesGcm128");
        assert_eq!(out["elements"][0]["integrity"], Value::Null);
        assert_eq!(out["counters"]["packets"], 1);
        let inb = bundles
            .iter()
            .find(|b| b["direction"] == "inbound")
            .unwrap();
        assert_eq!(inb["elements"].as_array().unwrap().len(), 2);
        assert_eq!(inb["elements"][1]["protocol"], "AH");
        assert_eq!(inb["source"], "2001:db8::1");
    }
}
