use std::time::Duration;

use portal_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

/// Connects with the default pool size; on SQLite turns on WAL so readers do not wait for the
/// writer (sqlx already enables foreign keys).
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with_pool(url, None).await
}

/// Pool size: `pool` or, by default, 8 on SQLite (one writer anyway) and 32 on PostgreSQL, enough
/// for 64 concurrent clients on a small machine without queueing on the pool (measured with
/// bench/read.sh).
pub async fn connect_with_pool(url: &str, pool: Option<u32>) -> Result<DatabaseConnection, DbErr> {
    let sqlite = url.starts_with("sqlite:");
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.max_connections(pool.unwrap_or(if sqlite { 8 } else { 32 }))
        .min_connections(if sqlite { 1 } else { 4 })
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    let db = Database::connect(opts).await?;
    if url.starts_with("sqlite:") {
        db.execute_unprepared("PRAGMA journal_mode = WAL;").await?;
    }
    Ok(db)
}

pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_and_migrate_with_pool(url, None).await
}

pub async fn connect_and_migrate_with_pool(url: &str, pool: Option<u32>) -> Result<DatabaseConnection, DbErr> {
    let db = connect_with_pool(url, pool).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}
