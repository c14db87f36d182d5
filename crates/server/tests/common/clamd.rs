//! A real ClamAV daemon for the upload tests: Debian's `clamd` (`.ci/run` installs
//! clamav-daemon), started on a socket of its own with a signature database the test writes,
//! since signature downloads cannot be reached from these machines: one hash signature, of the
//! EICAR test file. Missing, the test skips, except in CI.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use strongroom_app::antivirus::{Antivirus, ClamdAddress};

/// The EICAR anti-virus test file: harmless, and called infected by every scanner.
pub const EICAR: &str = r"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
/// The name the test database gives it (clamd adds `.UNOFFICIAL` to names outside its own).
pub const SIGNATURE: &str = "Strongroom-Test.EICAR";

pub struct Clamd {
    child: Option<Child>,
    pub address: ClamdAddress,
    _dir: tempfile::TempDir,
}

impl Drop for Clamd {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Clamd {
    /// clamd on a fresh socket, answering; `None` where it is not installed (outside CI).
    pub fn start() -> Option<Clamd> {
        let program = Path::new("/usr/sbin/clamd");
        if !program.exists() {
            assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "CI must install clamav-daemon (.ci/run does)");
            eprintln!("clamd is not installed here; skipped (CI runs this)");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("db");
        std::fs::create_dir(&database).unwrap();
        let hash = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, EICAR.as_bytes());
        let hex: String = hash.as_ref().iter().map(|byte| format!("{byte:02x}")).collect();
        std::fs::write(database.join("strongroom-test.hsb"), format!("{hex}:{}:{SIGNATURE}\n", EICAR.len())).unwrap();
        let socket = dir.path().join("clamd.sock");
        let config = dir.path().join("clamd.conf");
        std::fs::write(
            &config,
            format!("LocalSocket {}\nDatabaseDirectory {}\nForeground yes\nStreamMaxLength 1M\n", socket.display(), database.display()),
        )
        .unwrap();
        let child = Command::new(program).arg("-c").arg(&config).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        let clamd = Clamd { child: Some(child), address: ClamdAddress::Socket(socket), _dir: dir };
        for _ in 0..200 {
            if clamd.address.answers() {
                return Some(clamd);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("clamd did not start");
    }

    /// The shop's settings for this clamd: uploads refused when it cannot scan.
    pub fn antivirus(&self) -> Antivirus {
        Antivirus { clamd: self.address.clone(), allow_unscanned_uploads: false }
    }

    /// Stops clamd: its socket is left without anyone listening.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
