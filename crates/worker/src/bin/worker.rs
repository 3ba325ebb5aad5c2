//! The Web Worker: runs the engine off the page's main thread.
#![forbid(unsafe_code)]

fn main() {
    casemap_worker::runtime::start();
}
