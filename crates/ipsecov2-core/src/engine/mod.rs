//! The software offload engine: what an IPsec offload NIC does to frames.
//!
//! * `outbound`: seal a frame the stack framed (ESP encryption and ICVs, AH ICVs; transport,
//!   tunnel and transport over tunnel; UDP encapsulation; IPv4 and IPv6; ESN).
//! * `inbound`: find the SA of a received frame, verify and decrypt in place, report
//!   `CryptoDone` / `NextCryptoDone` / `CryptoStatus`.
//! * `esp`, `ah`: one layer each; `crypto`, `gcm`, `hmac_icv`: the algorithms; `ip`: headers.
//!
//! Everything works on driver-owned byte buffers; nothing allocates.

pub mod ah;
pub mod crypto;
pub mod esp;
pub mod frames;
pub mod gcm;
pub mod hmac_icv;
pub mod inbound;
pub mod ip;
pub mod outbound;

pub use inbound::{ReceiveReport, open_frame};
pub use outbound::{Sealed, SendError, SendHints, seal_frame};
