//! A command's outcome and the exit code it gives: decided once, for every command.

use std::io::Write;
use std::process::ExitCode;

use scopewise_cli::escape::escape;

/// The command's outcome: the exit code, decided once.
pub enum Outcome {
    Ok,
    Negative,
    BadInput(String),
}

impl Outcome {
    /// 0, 1, or 2 after printing the bad input's message on stderr.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Ok => ExitCode::SUCCESS,
            Outcome::Negative => ExitCode::from(1),
            Outcome::BadInput(message) => {
                let style = anstyle::AnsiColor::Red.on_default().bold();
                let message = escape(&message);
                let _ = writeln!(anstream::stderr(), "{style}error{style:#}: {message}");
                ExitCode::from(2)
            }
        }
    }
}
