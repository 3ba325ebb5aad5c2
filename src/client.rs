//! The page's handle on the worker: starts it, queues requests until it is ready, delivers
//! its responses.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, ErrorEvent, MessageEvent, Worker};

use crate::protocol::{Request, Response, envelope};

/// The script that loads the worker's wasm (copied into `dist/` by Trunk). Relative, so the
/// app works from any sub-path.
pub const WORKER_SCRIPT: &str = "./worker_loader.js";

/// What the client reports to the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A response from the worker.
    Response(Response),
    /// The worker could not start or died (script error, out of memory): `message` says what
    /// the browser reported.
    Failed {
        /// The browser's error message.
        message: String,
    },
}

struct Shared {
    ready: bool,
    queue: Vec<(Request, Option<Blob>)>,
}

/// A running worker. Cloning gives another handle on the same worker.
#[derive(Clone)]
pub struct WorkerClient {
    worker: Worker,
    shared: Rc<RefCell<Shared>>,
}

impl WorkerClient {
    /// Starts the worker from [`WORKER_SCRIPT`]; `on_event` receives everything it says.
    ///
    /// # Errors
    /// When the browser refuses to create the worker (for example a Content-Security-Policy
    /// without `worker-src 'self'`).
    pub fn spawn(on_event: impl Fn(Event) + 'static) -> Result<Self, JsValue> {
        let worker = Worker::new(WORKER_SCRIPT)?;
        let shared = Rc::new(RefCell::new(Shared { ready: false, queue: Vec::new() }));
        let on_event = Rc::new(on_event);

        let client = WorkerClient { worker: worker.clone(), shared: shared.clone() };
        let on_message = {
            let client = client.clone();
            let on_event = on_event.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                match envelope::unpack::<Response>(&event.data()) {
                    Ok((response, _)) => {
                        if matches!(response, Response::Ready { .. }) {
                            client.flush();
                        }
                        on_event(Event::Response(response));
                    }
                    Err(error) => web_sys::console::error_2(&"casemap: unreadable worker message".into(), &error),
                }
            })
        };
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            let message = event.message();
            let message = if message.is_empty() { "the worker script could not be loaded".to_owned() } else { message };
            on_event(Event::Failed { message });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The handlers live as long as the page.
        on_message.forget();
        on_error.forget();
        Ok(client)
    }

    /// Sends a request (with a file for [`Request::ReadFile`]); before the worker is ready,
    /// the request waits in a queue.
    pub fn send(&self, request: Request, file: Option<Blob>) {
        let mut shared = self.shared.borrow_mut();
        if shared.ready {
            drop(shared);
            self.post(&request, file.as_ref());
        } else {
            shared.queue.push((request, file));
        }
    }

    fn flush(&self) {
        let queued = {
            let mut shared = self.shared.borrow_mut();
            shared.ready = true;
            std::mem::take(&mut shared.queue)
        };
        for (request, file) in queued {
            self.post(&request, file.as_ref());
        }
    }

    fn post(&self, request: &Request, file: Option<&Blob>) {
        let sent = envelope::pack(request, file).and_then(|message| self.worker.post_message(&message));
        if let Err(error) = sent {
            web_sys::console::error_2(&"casemap: cannot send a request to the worker".into(), &error);
        }
    }
}
