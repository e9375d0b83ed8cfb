//! Loading data that depends on signals (page, filters, a reload counter): the request reruns when
//! they change and only the newest answer is kept, so a slow old page never replaces a newer one.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;

/// The state of a [`load_latest`] request. The last data stays visible while the next one loads.
pub struct Loaded<T: Send + Sync + 'static> {
    pub data: RwSignal<Option<T>>,
    pub loading: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
}

impl<T: Send + Sync + 'static> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Loaded<T> {}

/// Calls `fetch` now and whenever a signal it reads (before its first `.await`) changes.
pub fn load_latest<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> Loaded<T>
where
    T: Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let loaded = Loaded { data: RwSignal::new(None), loading: RwSignal::new(false), error: RwSignal::new(None) };
    let latest = StoredValue::new(0u32);
    Effect::new(move |_| {
        let fut = fetch();
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        loaded.loading.set(true);
        spawn_local(async move {
            let result = fut.await;
            if latest.try_get_value() != Some(mine) {
                return;
            }
            loaded.loading.set(false);
            match result {
                Ok(d) => {
                    loaded.data.set(Some(d));
                    loaded.error.set(None);
                }
                Err(e) => loaded.error.set(Some(e)),
            }
        });
    });
    loaded
}
