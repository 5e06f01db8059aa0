//! Our base64 against the `base64` crate's STANDARD and URL_SAFE_NO_PAD engines: the same text
//! for any bytes, and the same verdict (and bytes) for any text.
#![cfg(not(target_arch = "wasm32"))] // proptest is a native dev-dependency

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use cognito_protocol::base64::{decode, decode_url, encode};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn encodes_as_the_crate_does(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
        let text = encode(&bytes);
        prop_assert_eq!(&text, &STANDARD.encode(&bytes));
        prop_assert_eq!(decode(&text), Some(bytes.clone()));
        let url = URL_SAFE_NO_PAD.encode(&bytes);
        prop_assert_eq!(decode_url(&url), Some(bytes));
    }

    #[test]
    fn decodes_any_text_as_the_crate_does(text in "[A-Za-z0-9+/=_-]{0,12}") {
        prop_assert_eq!(decode(&text), STANDARD.decode(&text).ok());
        prop_assert_eq!(decode_url(&text), URL_SAFE_NO_PAD.decode(&text).ok());
    }
}
