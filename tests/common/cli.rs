//! Running the `mtfs` binary, for the command-line tests.

use std::process::{Command, Output};

pub fn mtfs(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtfs"))
        .args(args)
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
