//! Who is asking: the signed-in account a request carries (its `fairlog_session` cookie), put
//! into the request's extensions by [`crate::auth::session_layer`].
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use fairlog_domain::{Actor, Role};
use uuid::Uuid;

use crate::api::ApiError;

/// The session's account, as handlers and the privacy filter see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub account_id: Uuid,
    pub name: String,
    pub role: Role,
    /// The enterprise (enterprise accounts) or host (host accounts) it belongs to.
    pub subject: Option<Uuid>,
}

impl Session {
    /// The actor every command pushed in this session is recorded with (whatever the client
    /// sent is ignored).
    pub fn actor(&self) -> Actor {
        Actor {
            role: self.role,
            name: self.name.clone(),
            subject: if self.role == Role::Organizer { None } else { self.subject },
            account: Some(self.account_id),
        }
    }
}

impl Session {
    /// The key a client's mutation counter is kept under: its id within this account (the first
    /// 16 bytes of SHA-256(account id, client id)). Another account that learns a browser's
    /// client id can neither replay its recorded answers nor move its counter.
    pub fn client_key(&self, client_id: Uuid) -> Uuid {
        use sha2::{Digest, Sha256};
        let digest =
            Sha256::new().chain_update(self.account_id.as_bytes()).chain_update(client_id.as_bytes()).finalize();
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        Uuid::from_bytes(bytes)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Session {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Session>().cloned().ok_or_else(ApiError::signed_out)
    }
}

/// A session of an organizer: the extractor for the organizers' endpoints.
#[derive(Debug, Clone)]
pub struct Organizer(pub Session);

impl<S: Send + Sync> FromRequestParts<S> for Organizer {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let s = Session::from_request_parts(parts, state).await?;
        if s.role != Role::Organizer {
            return Err(ApiError::new(
                axum::http::StatusCode::FORBIDDEN,
                "auth.forbidden",
                "only an organizer may do this",
            ));
        }
        Ok(Organizer(s))
    }
}
