"""cli_tty.py — the passphrase typed on a terminal: treehole-admin asks on
its controlling terminal with echo off, asks twice for a new passphrase,
and gives the terminal back with echo on, also when interrupted (Ctrl-C).

Usage: python3 cli_tty.py path/to/treehole-admin
Each program runs in its own session with a pseudo-terminal as its
controlling terminal, as if a person were typing."""
import fcntl
import os
import select
import shutil
import subprocess
import sys
import tempfile
import termios
import time

ADMIN = os.path.abspath(sys.argv[1])
DEADLINE_S = 60
failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL:", msg, file=sys.stderr)


class Tty:
    """treehole-admin ARGS on a fresh pseudo-terminal."""

    def __init__(self, *args):
        self.master, self.slave = os.openpty()
        env = {k: v for k, v in os.environ.items() if not k.startswith("TREEHOLE_")}
        env["TREEHOLE_TODAY"] = "2024-05-01"
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":exitcode=99"

        def make_controlling():
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen([ADMIN, *args], stdin=self.slave, stdout=self.slave,
                                     stderr=self.slave, env=env, start_new_session=True,
                                     preexec_fn=make_controlling, close_fds=True)
        self.seen = b""

    def expect(self, text):
        want = text.encode()
        end = time.monotonic() + DEADLINE_S
        while want not in self.seen:
            left = end - time.monotonic()
            if left <= 0 or not self._read(left):
                fail(f"never saw {text!r}; got {self.seen!r}")
                return False
        return True

    def _read(self, timeout):
        r, _, _ = select.select([self.master], [], [], timeout)
        if not r:
            return False
        try:
            chunk = os.read(self.master, 4096)
        except OSError:
            return False
        self.seen += chunk
        return bool(chunk)

    def echo_on(self):
        return bool(termios.tcgetattr(self.slave)[3] & termios.ECHO)

    def wait_echo(self, on):
        """The program switches echo after printing the prompt; wait for it."""
        end = time.monotonic() + DEADLINE_S
        while self.echo_on() != on and time.monotonic() < end:
            time.sleep(0.01)
        return self.echo_on() == on

    def type(self, text):
        os.write(self.master, text.encode())

    def finish(self):
        end = time.monotonic() + DEADLINE_S
        while self.proc.poll() is None and time.monotonic() < end:
            self._read(0.1)
        while self._read(0.05):
            pass
        if self.proc.poll() is None:
            self.proc.kill()
            fail("program did not finish")
        rc = self.proc.wait()
        self.final_echo = self.echo_on()
        os.close(self.master)
        os.close(self.slave)
        return rc


def type_passphrase(t, prompt, secret):
    if t.expect(prompt):
        if not t.wait_echo(False):
            fail(f"echo still on at {prompt!r}")
        t.type(secret + "\n")


def main():
    try:
        for fd in os.openpty():
            os.close(fd)
    except OSError as e:
        print(f"skipped: no pseudo-terminals here ({e})")
        return 77
    tmp = tempfile.mkdtemp(prefix="th-tty.", dir=os.environ.get("TMPDIR", "/tmp"))
    try:
        run_checks(tmp)
    finally:
        shutil.rmtree(tmp)
    if failures:
        print(f"{failures} check(s) failed", file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


def run_checks(tmp):
    db = os.path.join(tmp, "tty.db")

    # init asks twice with echo off; the secret never shows on the screen
    t = Tty("--db", db, "init", "--kdf", "interactive")
    type_passphrase(t, "New operator passphrase: ", "tty secret 一")
    type_passphrase(t, "Repeat to confirm: ", "tty secret 一")
    rc = t.finish()
    if rc != 0:
        fail(f"init on a terminal: exit {rc}: {t.seen!r}")
    if "tty secret".encode() in t.seen:
        fail("the passphrase was echoed")
    if not t.final_echo:
        fail("echo left off after init")

    # two different answers: refused, no file
    other = os.path.join(tmp, "other.db")
    t = Tty("--db", other, "init", "--kdf", "interactive")
    type_passphrase(t, "New operator passphrase: ", "one")
    type_passphrase(t, "Repeat to confirm: ", "two")
    rc = t.finish()
    if rc != 1 or b"differ" not in t.seen or os.path.exists(other):
        fail(f"mismatched passphrases: exit {rc}, {t.seen!r}")

    # the typed passphrase unlocks
    t = Tty("--db", db, "pending")
    type_passphrase(t, "Operator passphrase: ", "tty secret 一")
    rc = t.finish()
    if rc != 0:
        fail(f"pending with the typed passphrase: exit {rc}: {t.seen!r}")

    # a wrong one is refused with the message
    t = Tty("--db", db, "pending")
    type_passphrase(t, "Operator passphrase: ", "nope")
    rc = t.finish()
    if rc != 1 or b"Wrong passphrase" not in t.seen:
        fail(f"wrong typed passphrase: exit {rc}: {t.seen!r}")

    # Ctrl-C at the prompt: the program dies of SIGINT, echo is back on
    t = Tty("--db", db, "pending")
    if t.expect("Operator passphrase: ") and t.wait_echo(False):
        t.type("half typed")
        t.type("\x03")
    rc = t.finish()
    if rc != -2:
        fail(f"Ctrl-C at the prompt: exit {rc}, expected death by SIGINT")
    if not t.final_echo:
        fail("echo left off after Ctrl-C")

    # SIGTERM while asking: the same
    t = Tty("--db", db, "passwd")
    if t.expect("Current operator passphrase: ") and t.wait_echo(False):
        t.proc.terminate()
    rc = t.finish()
    if rc != -15 or not t.final_echo:
        fail(f"SIGTERM at the prompt: exit {rc}, echo {'on' if t.final_echo else 'off'}")

    # passwd: old once, new twice; afterwards the new one works
    t = Tty("--db", db, "passwd")
    type_passphrase(t, "Current operator passphrase: ", "tty secret 一")
    type_passphrase(t, "New operator passphrase: ", "new tty secret")
    type_passphrase(t, "Repeat to confirm: ", "new tty secret")
    rc = t.finish()
    if rc != 0 or b"Passphrase changed" not in t.seen:
        fail(f"passwd on a terminal: exit {rc}: {t.seen!r}")
    t = Tty("--db", db, "pending")
    type_passphrase(t, "Operator passphrase: ", "new tty secret")
    if t.finish() != 0:
        fail(f"the new passphrase does not unlock: {t.seen!r}")

    # check never prompts, even on a terminal
    t = Tty("--db", db, "check")
    rc = t.finish()
    if rc != 0 or b"passphrase: " in t.seen or not t.seen.startswith(b"ok"):
        fail(f"check on a terminal: exit {rc}: {t.seen!r}")


if __name__ == "__main__":
    sys.exit(main())
