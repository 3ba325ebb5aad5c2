//! The Web Worker: runs the engine off the page's main thread.

fn main() {
    casemap_worker::runtime::start();
}
