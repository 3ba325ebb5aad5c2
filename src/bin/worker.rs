//! The Web Worker: runs the engine off the page's main thread.

fn main() {
    casemap::worker::runtime::start();
}
