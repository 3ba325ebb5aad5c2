//! What the native integration tests share.

use std::path::PathBuf;

/// `../shared/data` next to the repository (or `$CASEMAP_SHARED_DATA`): the real public logs.
pub fn shared_data() -> PathBuf {
    let candidates = [
        std::env::var_os("CASEMAP_SHARED_DATA").map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")),
        Some(PathBuf::from("/work/shared/data")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|dir| dir.join("helpdesk.csv").is_file())
        .expect("the shared event logs: set CASEMAP_SHARED_DATA to the folder with helpdesk.csv")
}
