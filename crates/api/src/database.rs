use std::time::Duration;

use portal_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

/// Connects; on SQLite turns on WAL so readers do not wait for the writer (sqlx already enables
/// foreign keys).
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.max_connections(if url.starts_with("sqlite:") { 8 } else { 20 })
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    let db = Database::connect(opts).await?;
    if url.starts_with("sqlite:") {
        db.execute_unprepared("PRAGMA journal_mode = WAL;").await?;
    }
    Ok(db)
}

pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    let db = connect(url).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}
