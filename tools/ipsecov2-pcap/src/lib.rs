//! The library half of `ipsecov2-pcap`: the SA file format, framing as the Windows stack
//! frames, and classic pcap files. The `ipsecov2-pcap` binary runs the engine over captures
//! with them; `ipsecov2ctl add` reads the same SA files.

pub mod frame;
pub mod pcap;
pub mod sa_json;
