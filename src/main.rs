//! The `geokg` command: parse arguments, run one command, map the outcome
//! to an exit status (0 ok, 1 some input failed, 2 error). A closed pipe
//! (`geokg extract … | head`) is not an error.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // a rule bug is reported per article by the pipeline; one line is enough
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|info| eprintln!("geokg: internal error: {info}")));
    }
    let cli = geokg::cli::Cli::parse();
    match geokg::commands::run(&cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("geokg: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// mimalloc: extraction allocates many small, short-lived vectors per
/// sentence; it is measurably faster there than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
