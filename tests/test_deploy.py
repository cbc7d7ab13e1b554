"""`make deploy` end to end, from a private copy of the project committed to its own git repository.

Into a local bare repository (DEPLOY=git: ghp-import, one commit on gh-pages holding exactly the site and a
.nojekyll) and into a local folder (DEPLOY=rsync: copy, then delete stale files); a deploy after a failing
build, or a failing quality gate, leaves both targets byte for byte as they were; and every refusal (no
DEPLOY, no target, uncommitted changes) says why and exits non-zero before building anything.

The copy shares this checkout's .venv and node_modules (symbolic links), so no virtual environment is
created; every `make deploy` that gets past its checks runs a full `make publish` (about ten seconds).
The helpers here are shared with test_nginx_e2e.py and test_output_hygiene.py.
"""

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, write

# What a clone of the project holds that a build needs (tests/ for the quality gates of make publish).
PROJECT_ITEMS = (
    "content",
    "theme",
    "plugins",
    "tools",
    "tests",
    "deploy",
    "pelicanconf.py",
    "publishconf.py",
    "Makefile",
    "requirements.txt",
    "package.json",
    "package-lock.json",
    "pytest.ini",
    ".gitignore",
)
SITEURL = "https://victory-day.example.org"
PUBLISHED = re.compile(r"Published commit (?P<commit>[0-9a-f]{40}) to branch (?P<branch>\S+) of .*: (?P<files>\d+) files")
RSYNCED = re.compile(r"Published (?P<files>\d+) files, .* to (?P<path>.+) \(rsync\)")


def need_tools(*tools):
    """A missing tool fails under CI=true and skips elsewhere."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    message = f"{', '.join(missing)} missing (.ci/run installs them)"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def git(cwd, *args, input_=None):
    result = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True, input=input_)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout.strip()


def make(project, *args, timeout=900, **env):
    """Run make in `project` with the given arguments; returns the CompletedProcess (stdout + stderr in .log)."""
    environment = dict(os.environ, COLUMNS="400", **env)
    for name in (
        "MAKEFLAGS",
        "MFLAGS",
        "MAKELEVEL",
        "SITEURL",
        "DEPLOY",
        "DEPLOY_PATH",
        "DEPLOY_REMOTE",
        "DEPLOY_BRANCH",
        "FORCE",
        "PUBLISHED_OUTPUT",
    ):
        if name not in env:
            environment.pop(name, None)
    result = subprocess.run(
        ["make", "--no-print-directory", *args], cwd=project, env=environment, capture_output=True, text=True, timeout=timeout
    )
    result.log = result.stdout + result.stderr
    return result


def copy_project(target):
    """A copy of this project's sources as a fresh git repository with one commit (branch main)."""
    need_tools("git", "make", "rsync")
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache", ".hypothesis")
    for item in PROJECT_ITEMS:
        source = ROOT / item
        if source.is_dir():
            shutil.copytree(source, target / item, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, target / item)
    # Share the installed tools: no virtual environment or npm install per test.
    (target / ".venv").symlink_to(ROOT / ".venv")
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main", str(target)], check=True)
    git(target, "config", "user.name", "Deploy Test")
    git(target, "config", "user.email", "deploy-test@example.org")
    git(target, "config", "commit.gpgsign", "false")
    (target / ".git" / "info" / "exclude").write_text(".venv\nnode_modules\noutput/\n", encoding="utf-8")
    git(target, "add", "--all")
    git(target, "commit", "--quiet", "-m", "The site's sources")
    return target


def bare_repository(path):
    subprocess.run(["git", "init", "--quiet", "--bare", str(path)], check=True)
    return path


def snapshot(folder):
    """Every file under `folder` (dotfiles and .git internals included) with a hash of its bytes."""
    folder = Path(folder)
    if not folder.exists():
        return None
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def site_files(folder):
    return sorted(path.relative_to(folder).as_posix() for path in Path(folder).rglob("*") if path.is_file())


def blob_id(path):
    data = Path(path).read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def branch_tree(repository, branch="gh-pages"):
    """{path: blob id} of the branch's tree in `repository`."""
    listing = git(repository, "ls-tree", "-r", f"refs/heads/{branch}")
    return {line.split("\t", 1)[1]: line.split()[2] for line in listing.splitlines()}


def commits(repository, branch="gh-pages"):
    return git(repository, "rev-list", f"refs/heads/{branch}").split()


# Fixtures ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("deploy")
    path = copy_project(root / "project")
    remote = bare_repository(root / "remote.git")
    git(path, "remote", "add", "origin", str(remote))
    return path


@pytest.fixture(scope="module")
def remote(project):
    return Path(git(project, "remote", "get-url", "origin"))


@pytest.fixture(scope="module")
def www(project):
    return project.parent / "www"


@pytest.fixture(scope="module")
def git_deployed(project, remote):
    """The first `make deploy DEPLOY=git` (default remote origin, default branch gh-pages)."""
    result = make(project, "deploy", "DEPLOY=git", SITEURL=SITEURL)
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="module")
def rsync_deployed(project, www):
    """`make deploy DEPLOY=rsync` into a folder holding an older site with files the new one no longer has."""
    write(www / "index.html", "<!doctype html><title>The old home page</title>")
    write(www / "articles" / "withdrawn" / "index.html", "<!doctype html><title>A withdrawn article</title>")
    write(www / "stale.txt", "left over from an old deploy")
    result = make(project, "deploy", "DEPLOY=rsync", f"DEPLOY_PATH={www}", SITEURL=SITEURL)
    assert result.returncode == 0, result.log
    return result


# Refusals: before anything is built -----------------------------------------------------------------

REFUSALS = {
    "no DEPLOY": ([], "DEPLOY is not set"),
    "unknown method": (["DEPLOY=ftp"], "DEPLOY=ftp is not a deploy method"),
    "rsync without DEPLOY_PATH": (["DEPLOY=rsync"], "DEPLOY=rsync needs DEPLOY_PATH"),
    "git without a remote": (["DEPLOY=git", "DEPLOY_REMOTE=nowhere"], "DEPLOY_REMOTE=nowhere is not a remote"),
    "git to an unreachable remote": (
        ["DEPLOY=git", "DEPLOY_REMOTE=file:///nonexistent/remote.git"],
        "DEPLOY_REMOTE file:///nonexistent/remote.git cannot be reached",
    ),
    "git to a path that does not exist": (
        ["DEPLOY=git", "DEPLOY_REMOTE=/nonexistent/remote.git"],
        "DEPLOY_REMOTE=/nonexistent/remote.git is not a remote of this repository",
    ),
    "git onto the checked-out branch": (["DEPLOY=git", "DEPLOY_BRANCH=main"], "DEPLOY_BRANCH=main is the branch checked out"),
    "rsync into the repository": (["DEPLOY=rsync", "DEPLOY_PATH=."], "DEPLOY_PATH=. is "),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_refuses_without_a_method_or_a_target(project, remote, www, case):
    args, reason = REFUSALS[case]
    before = snapshot(remote), snapshot(www)
    result = make(project, "deploy", *args, SITEURL=SITEURL)
    assert result.returncode != 0
    assert f"make deploy: refused: {reason}" in result.stderr, result.log
    assert "Nothing was published." in result.stderr and " — " in result.stderr, "the reason, then what to do"
    assert "Traceback" not in result.log
    assert len([line for line in result.stderr.splitlines() if not line.startswith("make: *** ")]) == 1, (
        "one line, git's own message included"
    )
    assert not (project / "output.partial").exists() and "Running the quality gates" not in result.log, (
        "a refusal must come before the build"
    )
    assert (snapshot(remote), snapshot(www)) == before


def test_refuses_without_siteurl(project, www):
    result = make(project, "deploy", "DEPLOY=rsync", f"DEPLOY_PATH={www}")
    assert result.returncode != 0
    assert "make deploy: refused: SITEURL is not set" in result.stderr, result.log
    publish = make(project, "publish")
    assert publish.returncode != 0 and "make publish: refused: SITEURL is not set" in publish.stderr, publish.log


@pytest.mark.parametrize("change", ["modified article", "new theme file", "modified settings"])
def test_refuses_uncommitted_changes_unless_forced(project, remote, www, change):
    article = sorted((project / "content" / "articles").glob("*.md"))[0]
    changed = {
        "modified article": article,
        "new theme file": project / "theme" / "static" / "css" / "extra.css",
        "modified settings": project / "publishconf.py",
    }[change]
    original = changed.read_bytes() if changed.exists() else None
    before = snapshot(remote), snapshot(www)
    try:
        addition = {".md": "\nAn uncommitted sentence.\n", ".css": "/* an uncommitted file */\n", ".py": "\n# uncommitted\n"}
        write(changed, (original or b"").decode("utf-8") + addition[changed.suffix])
        result = make(project, "deploy", "DEPLOY=rsync", f"DEPLOY_PATH={www}", SITEURL=SITEURL)
        assert result.returncode != 0
        assert "make deploy: refused: content/, theme/, plugins/ or the settings have uncommitted changes" in result.stderr, (
            result.log
        )
        assert changed.relative_to(project).as_posix() in result.stderr, "the refusal names the changed file"
        assert "FORCE=1" in result.stderr
        assert (snapshot(remote), snapshot(www)) == before
        # FORCE=1 passes the check (stopped here at preflight, to keep the test fast).
        forced = subprocess.run(
            [
                str(project / ".venv" / "bin" / "python"),
                "-m",
                "tools.deploy",
                "--preflight",
                "--method",
                "rsync",
                "--path",
                str(www),
                "--siteurl",
                SITEURL,
                "--force",
                "1",
            ],
            cwd=project,
            env=dict(os.environ),
            capture_output=True,
            text=True,
        )
        assert forced.returncode == 0, forced.stdout + forced.stderr
        assert "FORCE=1: deploying with uncommitted changes" in forced.stderr
    finally:
        if original is None:
            changed.unlink()
        else:
            changed.write_bytes(original)
    assert git(project, "status", "--porcelain") == ""


# DEPLOY=git -------------------------------------------------------------------------------------------


def test_git_deploy_pushes_one_commit_holding_exactly_the_site(project, remote, git_deployed):
    output = project / "output"
    published = PUBLISHED.search(git_deployed.stdout)
    assert published, git_deployed.log
    first = published["commit"]
    assert published["branch"] == "gh-pages"
    assert commits(remote) == [first], "the first deploy is one commit"
    expected = {path: blob_id(output / path) for path in site_files(output)}
    expected[".nojekyll"] = blob_id(os.devnull)
    assert branch_tree(remote) == expected, "the branch holds exactly the site's files and a .nojekyll"
    assert int(published["files"]) == len(expected)
    assert git(project, "symbolic-ref", "HEAD") == "refs/heads/main" and git(project, "status", "--porcelain") == ""
    message = git(remote, "log", "-1", "--format=%s", "gh-pages")
    assert message.startswith(f"Publish {SITEURL} from ") and git(project, "rev-parse", "--short=12", "HEAD") in message
    assert git(remote, "log", "-1", "--format=%(trailers)", "gh-pages") == "Deployed-by: make deploy", (
        "the trailer marks the branch as one a deploy may write"
    )

    # A second deploy, with a changed article, adds exactly one commit on top of the first.
    article = project / "content" / "articles" / "victory-day-parade-2023.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("\n\n", "\n\nA sentence added for the second deploy.\n\n", 1), encoding="utf-8")
    git(project, "commit", "--quiet", "-am", "Add a sentence")
    second = make(project, "deploy", "DEPLOY=git", SITEURL=SITEURL)
    assert second.returncode == 0, second.log
    again = PUBLISHED.search(second.stdout)
    assert again and again["commit"] != first
    assert commits(remote) == [again["commit"], first], "a second deploy adds exactly one commit"
    assert git(remote, "rev-parse", f"{again['commit']}^") == first
    expected = {path: blob_id(output / path) for path in site_files(output)}
    expected[".nojekyll"] = blob_id(os.devnull)
    assert branch_tree(remote) == expected
    assert "A sentence added for the second deploy." in (
        output / "articles" / "victory-day-parade-2023" / "index.html"
    ).read_text(encoding="utf-8")


def test_a_rejected_push_changes_nothing(project, git_deployed, tmp_path):
    """The remote refuses the push (a pre-receive hook): non-zero, the reason, and the remote as it was."""
    rejecting = bare_repository(tmp_path / "rejecting.git")
    hook = write(rejecting / "hooks" / "pre-receive", "#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = snapshot(rejecting)
    result = subprocess.run(
        [
            str(project / ".venv" / "bin" / "python"),
            "-m",
            "tools.deploy",
            "--method",
            "git",
            "--remote",
            str(rejecting),
            "--branch",
            "gh-pages",
            "--siteurl",
            SITEURL,
            "--output",
            "output",
        ],
        cwd=project,
        env=dict(os.environ),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert f"git push to {rejecting} failed" in result.stderr and "pushes are closed today" in result.stderr, result.stderr
    assert "Nothing was published." in result.stderr and "Published" not in result.stdout
    assert snapshot(rejecting) == before
    assert (
        subprocess.run(
            ["git", "-C", str(project), "rev-parse", "--verify", "--quiet", "refs/heads/gh-pages"], capture_output=True
        ).returncode
        != 0
    ), "the local branch is left as the remote has it (none)"


# DEPLOY=git writes only a branch of its own ---------------------------------------------------------


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A copy of the project on a feature branch, as a clone has it: origin's main and master hold the sources,
    a local-only branch `notes` too; origin's `pages` holds a site that make deploy did not write; a tag v1."""
    root = tmp_path_factory.mktemp("clone")
    path = copy_project(root / "project")
    origin = bare_repository(root / "origin.git")
    git(path, "remote", "add", "origin", str(origin))
    git(path, "push", "--quiet", "origin", "main", "main:master")
    git(path, "branch", "notes")
    git(path, "tag", "v1")
    other_site = git(
        path,
        "commit-tree",
        "-m",
        "A site made by hand",
        git(
            path,
            "mktree",
            input_=(
                f"100644 blob {git(path, 'hash-object', '-w', '--stdin', input_='<!doctype html>')}\tindex.html\n"
                f"100644 blob {git(path, 'hash-object', '-w', '--stdin', input_='')}\t.nojekyll\n"
            ),
        ),
    )
    git(path, "push", "--quiet", "origin", f"{other_site}:refs/heads/pages")
    git(path, "checkout", "--quiet", "-b", "feature")
    git(path, "commit", "--quiet", "--allow-empty", "-m", "Work on a feature")
    git(path, "push", "--quiet", "origin", "feature")
    return path


def refs(repository):
    """Every ref of `repository` and the commit it points to."""
    return git(repository, "for-each-ref", "--format=%(objectname) %(refname)")


def deploy_tool(project, *args):
    """tools.deploy as make deploy runs it after the build (or with --preflight, before it) to origin."""
    return subprocess.run(
        [
            str(project / ".venv" / "bin" / "python"),
            "-m",
            "tools.deploy",
            "--method",
            "git",
            "--siteurl",
            SITEURL,
            "--output",
            "output",
            *args,
        ],
        cwd=project,
        env=dict(os.environ),
        capture_output=True,
        text=True,
    )


def assert_refused(result, reason):
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert f"make deploy: refused: {reason}" in result.stderr, log
    assert "Nothing was published." in result.stderr and " — " in result.stderr and "Traceback" not in log
    lines = [line for line in result.stderr.splitlines() if not line.startswith("make: *** ")]
    assert len(lines) == 1, "one line: why, and what to do"
    assert "Published" not in result.stdout


@pytest.mark.parametrize("branch", ["main", "master", "feature"])
def test_git_deploy_refuses_a_branch_that_holds_the_sources(clone, branch):
    """From a feature branch: origin's main and master hold the sources, feature is checked out."""
    origin = Path(git(clone, "remote", "get-url", "origin"))
    before = snapshot(origin), refs(origin), refs(clone), git(origin, "rev-parse", f"refs/heads/{branch}")
    others = len(git(clone, "ls-tree", "-r", "--name-only", "main").splitlines()) - 1
    result = make(clone, "deploy", "DEPLOY=git", f"DEPLOY_BRANCH={branch}", SITEURL=SITEURL)
    assert_refused(
        result,
        {
            "main": f"origin/main holds pelicanconf.py and {others} other files that are not a built site — ",
            "master": f"origin/master holds pelicanconf.py and {others} other files that are not a built site — ",
            "feature": "DEPLOY_BRANCH=feature is the branch checked out here",
        }[branch],
    )
    assert "DEPLOY_BRANCH" in result.stderr, "the refusal says what to change"
    assert not (clone / "output.partial").exists() and "Running the quality gates" not in result.log, "refused before the build"
    after = snapshot(origin), refs(origin), refs(clone), git(origin, "rev-parse", f"refs/heads/{branch}")
    assert after == before, "the remote's branch and the local one unchanged"
    assert git(clone, "symbolic-ref", "HEAD") == "refs/heads/feature" and git(clone, "status", "--porcelain") == ""


# DEPLOY_BRANCH / DEPLOY_REMOTE as given to make, and the start of the refusal; {marker} and {origin} are
# filled in: a file an injected command would create, and origin's path. A name no branch or remote may have is
# refused by tools/variables.py before anything runs; tools/deploy.py refuses what only git can tell.
ONE_STEP_OFF = {
    "a branch as a full ref name": (["DEPLOY_BRANCH=refs/heads/main"], "DEPLOY_BRANCH=refs/heads/main is a full ref name"),
    "HEAD": (["DEPLOY_BRANCH=HEAD"], "DEPLOY_BRANCH=HEAD is HEAD, which git reads as the current commit"),
    "@, which git reads as HEAD": (["DEPLOY_BRANCH=@"], "DEPLOY_BRANCH=@ is @, which git reads as the current commit"),
    "a name a tag has": (["DEPLOY_BRANCH=v1"], "DEPLOY_BRANCH=v1 means another commit to git"),
    "an empty branch": (["DEPLOY_BRANCH="], "DEPLOY_BRANCH is empty"),
    "a branch with ..": (["DEPLOY_BRANCH=gh..pages"], "DEPLOY_BRANCH=gh..pages has .., which git reads as a range of commits"),
    "a branch with a space": (["DEPLOY_BRANCH=gh pages"], "DEPLOY_BRANCH='gh pages' has white space"),
    "a branch with @{": (["DEPLOY_BRANCH=@{{-1}}"], "DEPLOY_BRANCH=@{{-1}} has @{{, which git reads as a reflog entry"),
    "a branch that is an option": (["DEPLOY_BRANCH=-x"], "DEPLOY_BRANCH=-x starts with -, which git would read as an option"),
    "a branch that injects a command": (
        ["DEPLOY_BRANCH=--upload-pack=touch {marker}"],
        "DEPLOY_BRANCH='--upload-pack=touch {marker}' has white space",
    ),
    "a remote that injects a command": (
        ["DEPLOY_REMOTE=--upload-pack=touch {marker}"],
        "DEPLOY_REMOTE='--upload-pack=touch {marker}' starts with -, which git would read as an option",
    ),
    "a remote helper that runs a command": (
        ["DEPLOY_REMOTE=ext::touch {marker}"],
        "DEPLOY_REMOTE='ext::touch {marker}' names a remote helper (ext::), which can run commands",
    ),
    "a remote helper without a space": (
        ["DEPLOY_REMOTE=ext::true"],
        "DEPLOY_REMOTE=ext::true names a remote helper (ext::), which can run commands",
    ),
    "a local branch the remote lacks": (["DEPLOY_BRANCH=notes"], "the local branch notes holds pelicanconf.py and "),
    "a site make deploy did not write": (
        ["DEPLOY_BRANCH=pages"],
        "origin/pages holds a site that make deploy did not write (its tip ",
    ),
    "origin as a path": (
        ["DEPLOY_REMOTE={origin}", "DEPLOY_BRANCH=main"],
        "the branch main of {origin} holds pelicanconf.py and ",
    ),
    "origin as a URL": (
        ["DEPLOY_REMOTE=file://{origin}", "DEPLOY_BRANCH=master"],
        "the branch master of file://{origin} holds pelicanconf.py and ",
    ),
}


@pytest.mark.parametrize("case", ONE_STEP_OFF)
def test_git_deploy_refuses_one_step_off_the_path(clone, tmp_path, case):
    origin = Path(git(clone, "remote", "get-url", "origin"))
    marker = tmp_path / "injected"
    args, reason = (
        [arg.format(marker=marker, origin=origin) for arg in ONE_STEP_OFF[case][0]],
        ONE_STEP_OFF[case][1].format(marker=marker, origin=origin),
    )
    before = snapshot(origin), refs(origin), refs(clone)
    result = make(clone, "deploy", "DEPLOY=git", *args, SITEURL=SITEURL)
    assert_refused(result, reason)
    assert not marker.exists(), "git ran no command given in a variable"
    assert (snapshot(origin), refs(origin), refs(clone)) == before


def test_git_deploy_refuses_a_branch_checked_out_in_another_worktree(clone, tmp_path):
    git(clone, "worktree", "add", "--quiet", "-b", "preview", str(tmp_path / "preview"))
    try:
        before = refs(clone)
        result = make(clone, "deploy", "DEPLOY=git", "DEPLOY_BRANCH=preview", SITEURL=SITEURL)
        assert_refused(result, f"DEPLOY_BRANCH=preview is the branch checked out in {tmp_path / 'preview'}: ")
        assert refs(clone) == before
    finally:
        git(clone, "worktree", "remove", "--force", str(tmp_path / "preview"))
        git(clone, "branch", "-D", "preview")


def test_git_deploy_from_a_feature_branch_writes_a_new_branch_then_on_top_of_it(project, git_deployed, clone):
    """The second run of make deploy, on the build of the first project (same sources, same SITEURL)."""
    shutil.rmtree(clone / "output", ignore_errors=True)
    shutil.copytree(project / "output", clone / "output")
    origin = Path(git(clone, "remote", "get-url", "origin"))
    sources = {branch: git(origin, "rev-parse", branch) for branch in ("main", "master", "feature")}
    first = deploy_tool(clone, "--branch", "site")
    assert first.returncode == 0, first.stdout + first.stderr
    second = deploy_tool(clone, "--branch", "site")
    assert second.returncode == 0, second.stdout + second.stderr
    tips = [PUBLISHED.search(result.stdout)["commit"] for result in (first, second)]
    assert commits(origin, "site") == tips[::-1], "a new branch, then one commit on top of it"
    assert {branch: git(origin, "rev-parse", branch) for branch in ("main", "master", "feature")} == sources
    assert git(clone, "rev-parse", "refs/heads/site") == tips[1]

    # A branch whose tip is a deploy commit on top of sources: the tip decides, so it is written.
    mixed = git(clone, "commit-tree", "-p", "main", "-m", "Publish by hand\n\nDeployed-by: make deploy", f"{tips[1]}^{{tree}}")
    git(clone, "push", "--quiet", "origin", f"{mixed}:refs/heads/mixed")
    onto_mixed = deploy_tool(clone, "--branch", "mixed")
    assert onto_mixed.returncode == 0, onto_mixed.stdout + onto_mixed.stderr
    assert git(origin, "rev-parse", "mixed^") == mixed


def test_git_deploy_checks_the_branch_again_after_the_build(clone, tmp_path):
    """Sources pushed to DEPLOY_BRANCH while make publish ran: the run after the build refuses them."""
    origin = Path(git(clone, "remote", "get-url", "origin"))
    preflight = deploy_tool(clone, "--branch", "later", "--preflight")
    assert preflight.returncode == 0, preflight.stderr
    git(clone, "push", "--quiet", "origin", "main:refs/heads/later")
    built = write(tmp_path / "output" / "index.html", f'<a href="{SITEURL}/">A build</a>').parent
    before = snapshot(origin), refs(origin), refs(clone)
    result = deploy_tool(clone, "--branch", "later", "--output", str(built))
    assert_refused(result, "origin/later holds pelicanconf.py and ")
    assert (snapshot(origin), refs(origin), refs(clone)) == before


# DEPLOY=rsync -----------------------------------------------------------------------------------------


def test_rsync_deploy_copies_the_site_and_removes_stale_files(project, www, rsync_deployed):
    published = RSYNCED.search(rsync_deployed.stdout)
    assert published, rsync_deployed.log
    assert published["path"] == str(www)
    assert snapshot(www) == snapshot(project / "output"), "the folder holds exactly the site"
    assert not (www / "stale.txt").exists() and not (www / "articles" / "withdrawn").exists()
    assert int(published["files"]) == len(site_files(www))


def test_rsync_deletes_stale_files_only_after_the_copy_succeeded(project, www, rsync_deployed, tmp_path):
    """A wrapper around rsync records both passes; when the copy fails, nothing is deleted."""
    real_rsync = shutil.which("rsync")
    calls = tmp_path / "calls"
    wrapper = write(
        tmp_path / "bin" / "rsync",
        f'#!/bin/sh\necho "$*" >> {calls}\n'
        f"if [ -n \"$FAIL_COPY\" ]; then echo 'rsync: simulated failure' >&2; exit 23; fi\n"
        f'exec {real_rsync} "$@"\n',
    )
    wrapper.chmod(0o755)
    target = tmp_path / "site"
    write(target / "index.html", "old")
    write(target / "stale.html", "stale")

    def deploy(**env):
        return subprocess.run(
            [
                str(project / ".venv" / "bin" / "python"),
                "-m",
                "tools.deploy",
                "--method",
                "rsync",
                "--path",
                str(target),
                "--siteurl",
                SITEURL,
                "--output",
                "output",
            ],
            cwd=project,
            capture_output=True,
            text=True,
            env=dict(os.environ, PATH=f"{wrapper.parent}:{os.environ['PATH']}", **env),
        )

    failed = deploy(FAIL_COPY="1")
    assert failed.returncode != 0
    assert "rsync could not copy the site" in failed.stderr and "stale files were not deleted" in failed.stderr
    assert (target / "stale.html").read_text() == "stale", "a failed copy must not delete anything"
    assert len(calls.read_text().splitlines()) == 1 and "--delete" not in calls.read_text()

    calls.unlink()
    done = deploy()
    assert done.returncode == 0, done.stdout + done.stderr
    first, second = calls.read_text().splitlines()
    assert "--delete" not in first and "--delete" in second, "copy first, then delete"
    assert snapshot(target) == snapshot(project / "output")


# A failing build or gate publishes nothing ----------------------------------------------------------


def test_a_deploy_after_a_failing_build_leaves_both_targets_byte_identical(
    project, remote, www, git_deployed, rsync_deployed, tmp_path
):
    before = snapshot(remote), snapshot(www), snapshot(project / "output")
    broken = tmp_path / "content"
    shutil.copytree(project / "content", broken)
    bad = write(
        broken / "articles" / "broken-date.md", "Title: Broken\nDate: 2023-13-45\nSummary: A file with a bad date.\n\nText.\n"
    )
    for method in (["DEPLOY=git"], ["DEPLOY=rsync", f"DEPLOY_PATH={www}"]):
        result = make(project, "deploy", *method, f"CONTENT={broken}", "FORCE=1", SITEURL=SITEURL)
        assert result.returncode != 0, result.log
        assert f"{bad}:2:" in result.log, "the author's mistake is reported"
        assert "make deploy: refused — the build, make check or the quality gates failed" in result.stderr
        assert "Published" not in result.stdout
        assert (snapshot(remote), snapshot(www), snapshot(project / "output")) == before


def test_a_failing_quality_gate_publishes_nothing(project, remote, www, git_deployed, rsync_deployed):
    """The build succeeds, but the stylesheet loads an image that does not exist: the links gate fails."""
    before = snapshot(remote), snapshot(www), snapshot(project / "output")
    css = project / "theme" / "static" / "css" / "site.css"
    original = css.read_bytes()
    try:
        css.write_bytes(original + b"\n.gate-test { background: url(../images/no-such-image.png); }\n")
        result = make(project, "deploy", "DEPLOY=rsync", f"DEPLOY_PATH={www}", "FORCE=1", SITEURL=SITEURL)
    finally:
        css.write_bytes(original)
    assert result.returncode != 0, result.log
    assert "Running the quality gates" in result.log
    assert "no-such-image.png" in result.log, "the gate names the broken asset"
    assert "Publish failed: output/ was left exactly as it was." in result.stderr
    assert "make deploy: refused" in result.stderr
    assert (snapshot(remote), snapshot(www), snapshot(project / "output")) == before
    assert not (project / "output.partial").exists()
