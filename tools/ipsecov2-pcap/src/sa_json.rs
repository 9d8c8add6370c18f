//! `SA.json`: the SAs the tool applies (README, "The pcap tool").

use ipsecov2_core::sa::spec::*;
use serde_json::Value;
use std::net::IpAddr;

/// One SA of the file, with what framing needs besides the engine's bundle.
#[derive(Clone, Debug)]
pub struct SaConfig {
    pub bundle: BundleSpec,
    pub protocol: Operation,
    /// Outer (tunnel) endpoints for a tunnel-mode SA.
    pub tunnel: Option<(IpAddr, IpAddr)>,
    /// Next outbound sequence number, or the highest inbound one seen.
    pub seq: u64,
    /// Names as written in the file (for the Wireshark lines).
    pub enc_name: String,
    pub auth_name: String,
    pub enc_key: Vec<u8>,
    pub auth_key: Vec<u8>,
    pub icv_len: usize,
}

impl SaConfig {
    /// The element (there is exactly one).
    pub fn element(&self) -> Option<&ElementSpec> {
        self.bundle.elements.iter().next()
    }
}

fn hex(text: &str) -> Result<Vec<u8>, String> {
    let text = text.trim_start_matches("0x");
    if !text.len().is_multiple_of(2) {
        return Err(format!("odd-length hex string {text:?}"));
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).map_err(|e| format!("hex {text:?}: {e}")))
        .collect()
}

fn address(value: &Value, key: &str) -> Result<IpAddr, String> {
    value[key]
        .as_str()
        .ok_or(format!("{key} missing"))?
        .parse()
        .map_err(|e| format!("{key}: {e}"))
}

/// The 16-byte form of an address (IPv4 in the first 4 bytes).
pub fn address_bytes(address: IpAddr) -> [u8; 16] {
    let mut out = [0u8; 16];
    match address {
        IpAddr::V4(v4) => out[..4].copy_from_slice(&v4.octets()),
        IpAddr::V6(v6) => out.copy_from_slice(&v6.octets()),
    }
    out
}

fn key(bytes: &[u8]) -> Result<Key, String> {
    Key::new(bytes).ok_or(format!("key of {} bytes is too long", bytes.len()))
}

fn gmac(name: &str) -> Option<AuthAlgorithm> {
    match name {
        "aes-gmac-128" => Some(AuthAlgorithm::Gmac128),
        "aes-gmac-192" => Some(AuthAlgorithm::Gmac192),
        "aes-gmac-256" => Some(AuthAlgorithm::Gmac256),
        _ => None,
    }
}

fn parse_one(value: &Value) -> Result<SaConfig, String> {
    let spi = value["spi"].as_u64().ok_or("spi missing")? as u32;
    let direction = match value["dir"].as_str() {
        Some("in") => Direction::Inbound,
        Some("out") => Direction::Outbound,
        other => return Err(format!("dir must be \"in\" or \"out\", not {other:?}")),
    };
    let protocol = match value["proto"].as_str().unwrap_or("esp") {
        "esp" => Operation::Esp,
        "ah" => Operation::Ah,
        other => return Err(format!("proto {other:?}")),
    };
    let src = address(value, "src")?;
    let dst = address(value, "dst")?;
    let tunnel = match (value.get("tunnel_src"), value.get("tunnel_dst")) {
        (Some(_), Some(_)) => Some((address(value, "tunnel_src")?, address(value, "tunnel_dst")?)),
        _ => None,
    };
    let (filter_src, filter_dst) = tunnel.unwrap_or((src, dst));
    let ip_version = match value["ip"]
        .as_u64()
        .unwrap_or(if filter_dst.is_ipv4() { 4 } else { 6 })
    {
        4 => IpVersion::V4,
        6 => IpVersion::V6,
        other => return Err(format!("ip {other}")),
    };
    let enc_name = value["enc"].as_str().unwrap_or("null").to_owned();
    let auth_name = value["auth"].as_str().unwrap_or("none").to_owned();
    let enc_key = hex(value["enc_key"].as_str().unwrap_or(""))?;
    let auth_key = hex(value["auth_key"].as_str().unwrap_or(""))?;
    let seq = value["seq"].as_u64().unwrap_or(1);
    let esn = value["esn"].as_bool().unwrap_or(false);
    let udp = value["udp_encap"].as_bool().unwrap_or(false);

    let icv_default;
    let (auth, enc) = match protocol {
        Operation::Ah => {
            let algorithm = match auth_name.as_str() {
                "hmac-sha1-96" => AuthAlgorithm::HmacSha1_96,
                "hmac-sha256-128" => AuthAlgorithm::HmacSha256_128,
                "hmac-md5-96" => AuthAlgorithm::HmacMd5_96,
                name => gmac(name).ok_or(format!("AH auth {name:?}"))?,
            };
            icv_default = algorithm.icv_len();
            (
                Some(AuthSpec {
                    algorithm,
                    key: key(&auth_key)?,
                }),
                None,
            )
        }
        Operation::Esp => {
            if let Some(algorithm) = gmac(&enc_name) {
                icv_default = 16;
                (
                    Some(AuthSpec {
                        algorithm,
                        key: key(&enc_key)?,
                    }),
                    Some(EncSpec {
                        algorithm: EncAlgorithm::Null,
                        key: key(&[])?,
                        icv_len: 0,
                    }),
                )
            } else {
                let enc_algorithm = match enc_name.as_str() {
                    "aes-gcm-128" => EncAlgorithm::AesGcm128,
                    "aes-gcm-192" => EncAlgorithm::AesGcm192,
                    "aes-gcm-256" => EncAlgorithm::AesGcm256,
                    "aes-cbc-128" => EncAlgorithm::AesCbc128,
                    "aes-cbc-192" => EncAlgorithm::AesCbc192,
                    "aes-cbc-256" => EncAlgorithm::AesCbc256,
                    "des-cbc" => EncAlgorithm::DesCbc,
                    "3des-cbc" => EncAlgorithm::TripleDesCbc,
                    "null" => EncAlgorithm::Null,
                    other => return Err(format!("enc {other:?}")),
                };
                if enc_algorithm.is_aead() {
                    let icv = value["icv_len"].as_u64().unwrap_or(16) as u8;
                    icv_default = usize::from(icv);
                    (
                        None,
                        Some(EncSpec {
                            algorithm: enc_algorithm,
                            key: key(&enc_key)?,
                            icv_len: icv,
                        }),
                    )
                } else {
                    let auth = match auth_name.as_str() {
                        "none" | "null" | "" => None,
                        "hmac-sha1-96" => Some(AuthAlgorithm::HmacSha1_96),
                        "hmac-sha256-128" => Some(AuthAlgorithm::HmacSha256_128),
                        "hmac-md5-96" => Some(AuthAlgorithm::HmacMd5_96),
                        other => return Err(format!("auth {other:?} with {enc_name}")),
                    };
                    icv_default = auth.map_or(0, |a| a.icv_len());
                    (
                        auth.map(|algorithm| {
                            Ok::<_, String>(AuthSpec {
                                algorithm,
                                key: key(&auth_key)?,
                            })
                        })
                        .transpose()?,
                        Some(EncSpec {
                            algorithm: enc_algorithm,
                            key: key(&enc_key)?,
                            icv_len: 0,
                        }),
                    )
                }
            }
        }
    };
    let udp_encapsulation = match (udp, tunnel.is_some()) {
        (false, _) => UdpEncapsulation::None,
        (true, false) => UdpEncapsulation::Transport,
        (true, true) => UdpEncapsulation::Tunnel,
    };
    let bundle = BundleSpec {
        direction,
        ip_version,
        source: address_bytes(filter_src),
        destination: address_bytes(filter_dst),
        udp_encapsulation,
        elements: ElementList::one(ElementSpec {
            operation: protocol,
            spi,
            esn,
            seq_high: (seq >> 32) as u32,
            auth,
            enc,
        }),
    };
    Ok(SaConfig {
        bundle,
        protocol,
        tunnel,
        seq,
        enc_name,
        auth_name,
        enc_key,
        auth_key,
        icv_len: value["icv_len"]
            .as_u64()
            .map_or(icv_default, |v| v as usize),
    })
}

/// Parses the file: a JSON array of SAs.
pub fn parse(text: &str) -> Result<Vec<SaConfig>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("SA file: {e}"))?;
    let list = value
        .as_array()
        .ok_or("SA file: a JSON array of SAs is expected")?;
    list.iter()
        .enumerate()
        .map(|(i, v)| parse_one(v).map_err(|e| format!("SA #{i}: {e}")))
        .collect()
}

/// The Wireshark `esp_sa` UAT line of an ESP SA (`None` for AH: Wireshark has no AH SAs).
pub fn wireshark_line(sa: &SaConfig) -> Option<String> {
    if sa.protocol != Operation::Esp {
        return None;
    }
    let (src, dst) = match sa.tunnel {
        Some(endpoints) => endpoints,
        None => (
            bytes_to_address(&sa.bundle.source, sa.bundle.ip_version),
            bytes_to_address(&sa.bundle.destination, sa.bundle.ip_version),
        ),
    };
    let family = if dst.is_ipv4() { "IPv4" } else { "IPv6" };
    let (enc, enc_key, auth, auth_key) = match sa.enc_name.as_str() {
        "aes-gcm-128" | "aes-gcm-192" | "aes-gcm-256" => (
            format!("AES-GCM with {} octet ICV [RFC4106]", sa.icv_len),
            sa.enc_key.clone(),
            "NULL".to_owned(),
            Vec::new(),
        ),
        // Wireshark 4.0 has no GMAC decoder: NULL encryption, unchecked 128-bit ICV.
        name if name.starts_with("aes-gmac") => (
            "NULL".to_owned(),
            Vec::new(),
            "ANY 128 bit authentication [no checking]".to_owned(),
            Vec::new(),
        ),
        other => {
            let enc = match other {
                "aes-cbc-128" | "aes-cbc-192" | "aes-cbc-256" => "AES-CBC [RFC3602]",
                "des-cbc" => "DES-CBC [RFC2405]",
                "3des-cbc" => "TripleDES-CBC [RFC2451]",
                _ => "NULL",
            };
            let auth = match sa.auth_name.as_str() {
                "hmac-sha1-96" => "HMAC-SHA-1-96 [RFC2404]",
                "hmac-sha256-128" => "HMAC-SHA-256-128 [RFC4868]",
                "hmac-md5-96" => "HMAC-MD5-96 [RFC2403]",
                _ => "NULL",
            };
            (
                enc.to_owned(),
                sa.enc_key.clone(),
                auth.to_owned(),
                sa.auth_key.clone(),
            )
        }
    };
    let key_text = |k: &[u8]| {
        if k.is_empty() {
            String::new()
        } else {
            format!(
                "0x{}",
                k.iter().map(|b| format!("{b:02x}")).collect::<String>()
            )
        }
    };
    let spi = sa.element().map_or(0, |e| e.spi);
    Some(format!(
        "\"{family}\",\"{src}\",\"{dst}\",\"0x{spi:08x}\",\"{enc}\",\"{}\",\"{auth}\",\"{}\"",
        key_text(&enc_key),
        key_text(&auth_key)
    ))
}

fn bytes_to_address(bytes: &[u8; 16], version: IpVersion) -> IpAddr {
    match version {
        IpVersion::V4 => IpAddr::from([bytes[0], bytes[1], bytes[2], bytes[3]]),
        IpVersion::V6 => IpAddr::from(*bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_keys() {
        let file = r#"[
          {"spi": 4097, "dir": "out", "ip": 4, "src": "192.0.2.1", "dst": "192.0.2.2", "proto": "esp",
           "enc": "aes-gcm-128", "enc_key": "000102030405060708090a0b0c0d0e0fa0a1a2a3", "icv_len": 16,
           "esn": true, "seq": 4294967298, "udp_encap": true},
          {"spi": 8194, "dir": "in", "ip": 6, "src": "2001:db8::1", "dst": "2001:db8::2", "proto": "ah",
           "auth": "hmac-sha256-128", "auth_key": "2021222324252627282920212223242526272829202122232425262728292021",
           "tunnel_src": "2001:db8:1::1", "tunnel_dst": "2001:db8:1::2"}
        ]"#;
        let sas = parse(file).unwrap();
        assert_eq!(sas.len(), 2);
        let esp = &sas[0];
        assert_eq!(esp.bundle.udp_encapsulation, UdpEncapsulation::Transport);
        assert_eq!(esp.element().unwrap().seq_high, 1);
        assert!(esp.element().unwrap().esn);
        assert_eq!(
            wireshark_line(esp).unwrap(),
            "\"IPv4\",\"192.0.2.1\",\"192.0.2.2\",\"0x00001001\",\"AES-GCM with 16 octet ICV [RFC4106]\",\"0x000102030405060708090a0b0c0d0e0fa0a1a2a3\",\"NULL\",\"\""
        );
        let ah = &sas[1];
        assert_eq!(ah.protocol, Operation::Ah);
        assert_eq!(
            ah.bundle.destination,
            address_bytes("2001:db8:1::2".parse().unwrap())
        );
        assert!(wireshark_line(ah).is_none());
        assert!(parse("{}").is_err());
        assert!(parse(r#"[{"spi": 1, "dir": "sideways"}]"#).is_err());
    }
}
