#![cfg(loom)]
#[test]
fn smoke() {
    loom::model(|| {
        let t = ipsecov2_core::sa::SaTable::new(1, 1).unwrap();
        assert_eq!(t.len(), 0);
    });
}
