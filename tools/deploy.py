"""Publishes the build that `make publish` left in output/: `make deploy` runs it twice.

First with --preflight, before anything is built: it refuses, with the reason and what to do, when DEPLOY
or its target is not set, when SITEURL is missing, or when content/, theme/, plugins/, pelicanconf.py or
publishconf.py have uncommitted changes (FORCE=1 overrides). Then `make publish` builds and runs the
gates; only when they pass does the second run publish output/:

- DEPLOY=git: ghp-import writes output/ (and a .nojekyll) as ONE new commit on DEPLOY_BRANCH (gh-pages)
  on top of that branch as DEPLOY_REMOTE (origin, or a URL or path) has it, then pushes it, never forced.
  That commit replaces every file of the branch, so it writes only a branch that does not exist yet or
  whose tip is an earlier deploy's commit (marked with a Deployed-by trailer), both on the remote and
  locally: checked in the --preflight run, and again just before writing.
- DEPLOY=rsync: rsync copies output/ into DEPLOY_PATH (a local folder or user@host:path), then a second
  pass with --delete removes the files the new build no longer has, only after the copy succeeded.

It prints what it published: the commit id or the path, the number of files and their total size.
Nothing is written anywhere before the build and the gates have passed, so a failing build leaves every
target byte for byte as it was.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent  # tools/ sits in the project root
SOURCES = ("theme", "plugins", "tools", "pelicanconf.py", "publishconf.py")  # with the CONTENT folder
METHODS = ("git", "rsync")
DEPLOY_TRAILER = ("Deployed-by", "make deploy")  # in every deploy commit's message: the mark of a branch it may write
CHECKED_REF = "refs/explainer-deploy/checked"  # where the remote's tip is fetched to be checked, then deleted
UNSAFE = re.compile(r"[\s\x00-\x1f\x7f]")  # whitespace and control characters
# scheme://… or scp-like [user@]host:path; not git's transport::address, which runs a helper program.
URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://|([\w.+-]+@)?[\w.-]+:(?!:))")
VALUED_OPTIONS = ("--method", "--remote", "--branch", "--path", "--force", "--content", "--output", "--siteurl")
KILO = 1000  # the step between size units (SI: a kB is 1000 bytes)
LISTED_CHANGES = 20  # uncommitted files a refusal lists by name; the rest are counted
USAGE = (
    "make deploy DEPLOY=git SITEURL=https://… (push to the gh-pages branch of origin; DEPLOY_REMOTE= and "
    "DEPLOY_BRANCH= override) or make deploy DEPLOY=rsync DEPLOY_PATH=user@host:/var/www/site SITEURL=https://…"
)


class Refusal(Exception):
    """Why nothing was published, and what to do about it."""


class Incomplete(Exception):
    """The site was published, but a step after it failed."""


def one_line(text: str) -> str:
    """Git's message on one line: a refusal is one line saying why and what to do."""
    return " ".join(text.split())


def run(*command, cwd=ROOT, check=True):
    """Run `command` and capture what it says; with `check`, a failure is a Refusal that quotes it."""
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise Refusal(f"`{' '.join(command)}` failed (exit {result.returncode}): {one_line(result.stderr or result.stdout)}")
    return result


def git(*args, check=True):
    """Run git in the project (see run())."""
    return run("git", *args, check=check)


def truthy(value):
    """Whether an environment variable such as FORCE is set to yes (1, yes, true or on)."""
    return (value or "").strip().lower() in ("1", "yes", "true", "on")


def human(size):
    """A byte count as a reader takes it in: bytes, kB, MB or GB."""
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < KILO or unit == "GB":
            return f"{size} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= KILO
    return None


def site_files(output):
    """(relative path, size) of every file of the build, in a stable order."""
    return sorted(
        (path.relative_to(output).as_posix(), path.stat().st_size) for path in Path(output).rglob("*") if path.is_file()
    )


# Checks ---------------------------------------------------------------------------------------------


def in_repository():
    """Whether git sees this project as its own repository (not inside another one, not without git)."""
    result = git("rev-parse", "--show-toplevel", check=False)
    return result.returncode == 0 and Path(result.stdout.strip()).resolve() == ROOT


def uncommitted(content):
    """`git status` lines for the sources a deploy publishes; raises Refusal when that cannot be told."""
    if shutil.which("git") is None:
        raise Refusal(
            "git is not installed, so uncommitted changes cannot be ruled out — install git "
            "(apt-get install git), or deploy anyway with FORCE=1"
        )
    if not in_repository():
        raise Refusal(
            f"{ROOT} is not a git repository, so uncommitted changes cannot be ruled out — deploy "
            "from a clone, or anyway with FORCE=1"
        )
    content = (ROOT / content).resolve()
    try:
        content_rel = content.relative_to(ROOT).as_posix() or "."
    except ValueError:
        raise Refusal(
            f"CONTENT={content} is outside the repository, so it is not under version control — commit "
            "it to the repository, or deploy anyway with FORCE=1"
        ) from None
    paths = [content_rel, *(item for item in SOURCES if (ROOT / item).exists())]
    status = git("status", "--porcelain", "--untracked-files=all", "--", *paths)
    return [line for line in status.stdout.splitlines() if line.strip()]


def check_sources(content, force, announce=True):
    """Refuse on uncommitted changes unless FORCE=1; return a note for the commit message."""
    try:
        dirty = uncommitted(content)
    except Refusal as refusal:
        if force:
            if announce:
                reason = str(refusal).split(" — ")[0]
                print(f"make deploy: FORCE=1: deploying without checking for uncommitted changes: {reason}", file=sys.stderr)
            return " (FORCE=1: sources not checked)"
        raise
    if not dirty:
        return ""
    more = len(dirty) - LISTED_CHANGES
    listing = "\n".join(f"    {line}" for line in dirty[:LISTED_CHANGES]) + (f"\n    … {more} more" if more > 0 else "")
    if force:
        if announce:
            print(f"make deploy: FORCE=1: deploying with uncommitted changes:\n{listing}", file=sys.stderr)
        return " (FORCE=1: with uncommitted changes)"
    raise Refusal(
        f"content/, theme/, plugins/ or the settings have uncommitted changes:\n{listing}\n  — commit "
        "them first (what is published must be what is committed), or deploy anyway with FORCE=1"
    )


def is_remote_path(path):
    """Rsync's rule: `host:path` (a colon before any slash) or rsync:// is another machine."""
    return path.startswith("rsync://") or bool(re.match(r"^[^/]+:", path))


def check_rsync_target(path, output):
    """Refuse a DEPLOY_PATH that rsync --delete would wreck: the project, the home folder, the build itself, or a
    folder of other files."""
    if not path.strip():
        raise Refusal(f"DEPLOY=rsync needs DEPLOY_PATH, the folder to publish into — {USAGE}")
    if shutil.which("rsync") is None:
        raise Refusal("rsync is not installed — install it: apt-get install rsync")
    if is_remote_path(path):
        return
    target = Path(path).expanduser().resolve()
    output = (ROOT / output).resolve()
    dangerous = {Path("/"), Path.home().resolve(), ROOT}
    if target in dangerous or target in ROOT.parents or target == output or output in target.parents or target in output.parents:
        raise Refusal(
            f"DEPLOY_PATH={path} is {target}: publishing there would delete or overwrite files that are "
            "not the site — give a folder of its own"
        )
    if target.is_dir() and any(target.iterdir()) and not (target / "index.html").is_file():
        raise Refusal(
            f"DEPLOY_PATH={path} is a folder that holds files but no site (no index.html): the copy "
            "deletes every file the site does not have — give an empty folder or a deployed site"
        )
    if target.exists() and not target.is_dir():
        raise Refusal(f"DEPLOY_PATH={path} is a file, not a folder — give a folder")


class Remote(NamedTuple):
    """Where a git deploy pushes: what to give git, and how to name it in messages."""

    target: str
    described: str
    named: bool

    def branch(self, branch: str) -> str:
        """`branch` of this remote as a message names it."""
        return f"{self.target}/{branch}" if self.named else f"the branch {branch} of {self.target}"


def resolve_remote(remote: str) -> Remote:
    """A configured remote, an existing path or a URL; nothing git could read as an option or a second argument."""
    if not remote.strip():
        raise Refusal(f"DEPLOY=git needs DEPLOY_REMOTE, the repository to push to (default origin) — {USAGE}")
    if shutil.which("git") is None:
        raise Refusal("git is not installed — install it: apt-get install git")
    if not in_repository():
        raise Refusal(
            f"DEPLOY=git commits the site in this repository, but {ROOT} is not a git repository — "
            "deploy from a clone, or use DEPLOY=rsync"
        )
    if remote.startswith("-") or UNSAFE.search(remote):
        raise Refusal(
            f"DEPLOY_REMOTE={remote!r} starts with '-' or holds a space or a control character, which git "
            "could take for an option — give a remote name (git remote add site PATH), a path or a URL"
        )
    named = git("remote", "get-url", remote, check=False)
    if named.returncode == 0:
        return Remote(remote, f"{remote} ({named.stdout.strip()})", True)
    if (ROOT / remote).exists() or URL.match(remote):
        return Remote(remote, remote, False)
    raise Refusal(
        f"DEPLOY_REMOTE={remote} is not a remote of this repository (see git remote -v), an existing path or "
        "a URL — add it with git remote add NAME URL, or give an existing path or a URL"
    )


def check_branch(branch: str) -> None:
    """Refuse a DEPLOY_BRANCH that git could read as an option or as another revision (ghp-import resolves the
    bare name), and one checked out in a worktree, whose files the site would replace."""
    if not branch or branch.startswith("-") or git("check-ref-format", "--branch", branch, check=False).stdout.strip() != branch:
        raise Refusal(f"DEPLOY_BRANCH={branch!r} is not a valid branch name — give one such as gh-pages")
    if branch.startswith("refs/"):
        raise Refusal(f"DEPLOY_BRANCH={branch} is a full ref name — give the branch's name alone, such as gh-pages")
    meaning, own = (
        git("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}", check=False).stdout.strip()
        for name in (branch, f"refs/heads/{branch}")
    )
    if meaning != own:
        raise Refusal(
            f"DEPLOY_BRANCH={branch} means another commit to git than the branch {branch} (a tag or a "
            "special name such as FETCH_HEAD or @) — give a branch name nothing else uses"
        )
    worktree = ""
    for line in git("worktree", "list", "--porcelain").stdout.splitlines():
        if line.startswith("worktree "):
            worktree = line.removeprefix("worktree ")
        elif line == f"branch refs/heads/{branch}":
            where = "here" if Path(worktree).resolve() == ROOT else f"in {worktree}"
            raise Refusal(
                f"DEPLOY_BRANCH={branch} is the branch checked out {where}: the site would replace your "
                "sources — check out another branch, or give another DEPLOY_BRANCH"
            )


def not_a_deploy(commit: str, where: str) -> str | None:
    """Why `commit`, the tip of `where`, is not one an earlier deploy wrote; None when it is.

    A deploy commit carries the DEPLOY_TRAILER and holds a site: index.html and .nojekyll at its root."""
    files = [name for name in git("ls-tree", "-r", "-z", "--name-only", commit).stdout.split("\0") if name]
    if not {"index.html", ".nojekyll"} <= set(files):
        if not files:
            return f"{where} holds a commit with no files, not an earlier deploy"
        first = next((name for name in ("pelicanconf.py", "Makefile", "README.md") if name in files), files[0])
        others = f" and {len(files) - 1} other files that are" if len(files) > 1 else ", which is"
        return f"{where} holds {first}{others} not a built site"
    trailers = git("show", "--no-patch", f"--format=%(trailers:key={DEPLOY_TRAILER[0]},valueonly)", commit).stdout
    if DEPLOY_TRAILER[1] not in trailers.splitlines():
        return (
            f"{where} holds a site that make deploy did not write (its tip {commit[:12]} has no "
            f"'{': '.join(DEPLOY_TRAILER)}' trailer)"
        )
    return None


def deploy_base(remote: Remote, branch: str) -> str | None:
    """The tip of the remote's DEPLOY_BRANCH, the parent of the new commit (None: a new branch).

    A deploy replaces every file of its branch, and resets the local branch of that name to the remote's, so both
    must be absent or end in an earlier deploy. Checked before the build and again just before writing."""
    listing = git("ls-remote", "--heads", remote.target, f"refs/heads/{branch}", check=False)
    if listing.returncode != 0:
        raise Refusal(
            f"DEPLOY_REMOTE {remote.described} cannot be reached: {one_line(listing.stderr)} — check the "
            "address and your access to it"
        )
    tip = None
    if any(line.endswith(f"\trefs/heads/{branch}") for line in listing.stdout.splitlines()):
        # Into a ref of its own, so that neither FETCH_HEAD nor a remote-tracking branch changes.
        git("fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remote.target, f"+refs/heads/{branch}:{CHECKED_REF}")
        try:
            tip = git("rev-parse", "--verify", f"{CHECKED_REF}^{{commit}}").stdout.strip()
        finally:
            git("update-ref", "-d", CHECKED_REF, check=False)
    local = git("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}", check=False).stdout.strip()
    for commit, where in ((tip, remote.branch(branch)), (local, f"the local branch {branch}")):
        problem = commit and not_a_deploy(commit, where)
        if problem:
            raise Refusal(
                f"{problem} — a deploy replaces every file on its branch, so choose another DEPLOY_BRANCH: "
                "a new one, or one an earlier make deploy wrote"
            )
    return tip


def preflight(args):
    """Everything that can be refused before building; returns a note for the commit message."""
    method = args.method.strip()
    if not method:
        raise Refusal(f"DEPLOY is not set — {USAGE}")
    if method not in METHODS:
        raise Refusal(f"DEPLOY={method} is not a deploy method — use DEPLOY=git or DEPLOY=rsync")
    if not args.siteurl.strip():
        raise Refusal(f"SITEURL is not set: the site must be built for the address it is served from — {USAGE}")
    if method == "rsync":
        check_rsync_target(args.path, args.output)
    else:
        remote = resolve_remote(args.remote)
        check_branch(args.branch)
        deploy_base(remote, args.branch)
    return check_sources(args.content, truthy(args.force), announce=args.preflight)


def check_build(output, siteurl):
    """The built site's folder, refused unless it holds a site built for SITEURL (as make publish builds it)."""
    output = ROOT / output
    if not (output / "index.html").is_file():
        raise Refusal(f"{output} holds no built site — run make deploy (it runs make publish first)")
    home = (output / "index.html").read_text(encoding="utf-8", errors="replace")
    if f'"{siteurl.rstrip("/")}/' not in home:
        raise Refusal(f"{output} was not built for SITEURL={siteurl} — run make deploy, which builds it with make publish")
    return output


# Publishing -----------------------------------------------------------------------------------------


def move_branch(local, tracking, tip):
    """Point the local branch (and the remote-tracking one, if any) at `tip`, or delete them when there is none."""
    if tip:
        git("update-ref", local, tip)
        if tracking:
            git("update-ref", tracking, tip)
    else:
        git("update-ref", "-d", local, check=False)
        if tracking:
            git("update-ref", "-d", tracking, check=False)


def committer_identity():
    """The committer ghp-import needs where git has none configured, so a fresh machine can deploy."""
    identity = {}
    if not git("config", "user.name", check=False).stdout.strip() and "GIT_COMMITTER_NAME" not in os.environ:
        identity["GIT_COMMITTER_NAME"] = "make deploy"
    if not git("config", "user.email", check=False).stdout.strip() and "GIT_COMMITTER_EMAIL" not in os.environ:
        identity["GIT_COMMITTER_EMAIL"] = "deploy@localhost"
    return identity


def deploy_git(output, remote, branch, siteurl, note):
    """Publish with DEPLOY=git: one commit of exactly the site on top of the remote's branch, checked, then pushed."""
    import ghp_import  # noqa: PLC0415 - only this method needs it

    remote = resolve_remote(remote)
    target, described = remote.target, remote.described
    check_branch(branch)
    previous = deploy_base(remote, branch)  # again: the branches may have changed during the build
    local = f"refs/heads/{branch}"
    tracking = f"refs/remotes/{target}/{branch}" if remote.named else None
    # Start from the branch exactly as the remote has it, so the new commit is one commit on top of it.
    move_branch(local, tracking, previous)
    source = git("rev-parse", "--short=12", "HEAD", check=False).stdout.strip() or "an unborn branch"
    message = f"Publish {siteurl} from {source}{note}\n\n{': '.join(DEPLOY_TRAILER)}"
    identity = committer_identity()
    saved_cwd, saved_env = os.getcwd(), dict(os.environ)
    try:
        os.chdir(ROOT)
        os.environ.update(identity)
        ghp_import.ghp_import(str(output), nojekyll=True, push=False, remote=target, branch=branch, mesg=message)
    except ghp_import.GhpError as error:
        raise Refusal(f"ghp-import could not commit the site: {error}") from None
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    commit = git("rev-parse", "--verify", "--quiet", local, check=False).stdout.strip()
    parents = git("rev-list", "--parents", "-n", "1", commit, check=False).stdout.split()[1:] if commit else []
    if not commit or commit == previous or parents != ([previous] if previous else []):
        raise Refusal(f"ghp-import did not write one new commit on {branch} (see above); nothing was pushed")
    # `-z`: paths exactly as they are (no quoting of unusual characters); each entry is `mode type id size\tpath`.
    tree = [entry.split("\t", 1) for entry in git("ls-tree", "-r", "-l", "-z", commit).stdout.split("\0") if entry]
    files = sorted((path, int(meta.split()[3])) for meta, path in tree)
    expected = sorted([*site_files(output), (".nojekyll", 0)])
    if files != expected:
        raise Refusal(f"the commit ghp-import wrote on {branch} does not hold exactly the site; nothing was pushed")
    pushed = git("push", "--quiet", "--no-verify", target, f"{local}:{local}", check=False)
    if pushed.returncode != 0:
        # Leave the local branch as the remote still has it.
        move_branch(local, None, previous)
        raise Refusal(
            f"git push to {described} failed: {one_line(pushed.stderr or pushed.stdout)} — the remote "
            f"branch {branch} was not changed"
        )
    if tracking:
        git("update-ref", tracking, commit)
    size = sum(size for _, size in files)
    print(f"Published commit {commit} to branch {branch} of {described}: {len(files)} files, {human(size)} ({size:,} bytes).")


def deploy_rsync(output, path):
    """Publish with DEPLOY=rsync: copy the site first, then delete stale files, so the site is never half there."""
    check_rsync_target(path, output)
    source = f"{output}/"
    target = path if path.endswith("/") else f"{path}/"
    options = ["--recursive", "--links", "--perms", "--times", "--chmod=D755,F644", "--delay-updates"]
    if is_remote_path(path):
        options.append("--compress")
    copied = subprocess.run(["rsync", *options, source, target], cwd=ROOT)
    if copied.returncode != 0:
        raise Refusal(
            f"rsync could not copy the site to {path} (exit {copied.returncode}, see above); stale files "
            "were not deleted — correct the problem and deploy again"
        )
    pruned = subprocess.run(["rsync", *options, "--delete", source, target], cwd=ROOT)
    if pruned.returncode != 0:
        raise Incomplete(
            f"the site was copied to {path}, but rsync could not delete the stale files there (exit "
            f"{pruned.returncode}, see above) — correct the problem and deploy again"
        )
    files = site_files(output)
    size = sum(size for _, size in files)
    print(f"Published {len(files)} files, {human(size)} ({size:,} bytes) to {path} (rsync).")


def values_attached(argv: list[str]) -> list[str]:
    """`--branch -x` as `--branch=-x`: argparse takes a value that starts with '-' for an option of its own."""
    rest, attached = list(argv), []
    while rest:
        arg = rest.pop(0)
        attached.append(f"{arg}={rest.pop(0)}" if arg in VALUED_OPTIONS and rest else arg)
    return attached


def main(argv=None):
    """`make deploy`: check, then publish with the configured method; its exit status."""
    parser = argparse.ArgumentParser(prog="python -m tools.deploy", description=__doc__.split("\n\n")[0])
    parser.add_argument("--method", default=os.environ.get("DEPLOY", ""))
    parser.add_argument("--remote", default=os.environ.get("DEPLOY_REMOTE", "origin"))
    parser.add_argument("--branch", default=os.environ.get("DEPLOY_BRANCH", "gh-pages"))
    parser.add_argument("--path", default=os.environ.get("DEPLOY_PATH", ""))
    parser.add_argument("--force", default=os.environ.get("FORCE", ""))
    parser.add_argument("--content", default="content")
    parser.add_argument("--output", default="output")
    parser.add_argument("--siteurl", default=os.environ.get("SITEURL", ""))
    parser.add_argument("--preflight", action="store_true", help="only check what can be checked before building")
    args = parser.parse_args(values_attached(sys.argv[1:] if argv is None else argv))
    try:
        note = preflight(args)
        if args.preflight:
            return 0
        output = check_build(args.output, args.siteurl)
        if args.method.strip() == "git":
            deploy_git(output, args.remote.strip(), args.branch.strip(), args.siteurl.rstrip("/"), note)
        else:
            deploy_rsync(output, args.path.strip())
    except Refusal as refusal:
        print(f"make deploy: refused: {refusal}. Nothing was published.", file=sys.stderr)
        return 1
    except Incomplete as problem:
        print(f"make deploy: {problem}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
