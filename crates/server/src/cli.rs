use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "portal", version, about = "cloudpack+ PORTAL server")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve the API and the SPA.
    Serve,
    /// Apply pending database migrations.
    Migrate,
    /// Create (or refresh) demo data and print the demo log-ins.
    SeedDemo {
        /// Print the log-ins as JSON (for scripts).
        #[arg(long)]
        json: bool,
    },
    /// Staff account management.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// Scheduled jobs, run on demand.
    Jobs {
        #[command(subcommand)]
        command: JobCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum JobCommand {
    /// The yearly rank update and ticket grant/expiry (idempotent).
    Rollover {
        /// Fiscal year (April–March), e.g. 2026; defaults to the current one.
        #[arg(long)]
        fiscal_year: Option<i32>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a staff user with a temporary password (printed once).
    CreateStaff {
        #[arg(long)]
        email: String,
        #[arg(long, value_enum)]
        role: StaffRole,
        /// Display name (defaults to the e-mail address).
        #[arg(long)]
        name: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StaffRole {
    Admin,
    Csm,
}
