pub mod login;
pub mod logout;
pub mod mfa_enroll;
pub mod mfa_verify;
pub mod password;
pub mod refresh;
