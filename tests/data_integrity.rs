//! The external data files in tests/data are carried byte for byte: their hashes are pinned
//! here and in tests/data/README.md.

use sha2::{Digest, Sha256};

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn abi_oracle_is_unchanged() {
    assert_eq!(
        sha256_hex(include_bytes!("data/ndis-x64.json")),
        "ba19f0b72bd0de36471fd10afae7fd1f28b299166d72a5a12a8fb5799462f38a"
    );
}

#[test]
fn esp_vectors_are_unchanged() {
    assert_eq!(
        sha256_hex(include_bytes!("data/esp-vectors.json")),
        "f9bcac5526a4604560549527578a1669e8ceee92e704e5226b71447f9f950b03"
    );
}

#[test]
fn readme_records_the_same_hashes() {
    let readme = include_str!("data/README.md");
    for hash in [
        "ba19f0b72bd0de36471fd10afae7fd1f28b299166d72a5a12a8fb5799462f38a",
        "f9bcac5526a4604560549527578a1669e8ceee92e704e5226b71447f9f950b03",
    ] {
        assert!(readme.contains(hash), "tests/data/README.md lacks {hash}");
    }
}
