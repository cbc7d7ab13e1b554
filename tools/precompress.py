"""Writes `name.gz` (gzip -9) and `name.br` (Brotli, quality 11) beside every text file of a built site.

`make build` and `make publish` run it last, after Pagefind, so Pagefind's scripts, styles and entry
file are covered too. A web server then sends the precompressed bytes instead of compressing on every
request (nginx: `gzip_static on;` and, with its Brotli module, `brotli_static on;`, see deploy/nginx.conf).

Pagefind's index, fragments, metadata and WebAssembly (`*.pf_*`, `*.pagefind`) are gzip already and are
left alone, as is every other binary file. The output is reproducible: the same file always gives the same
`.gz` (no name, no timestamp in the gzip header) and the same `.br`.

    python -m tools.precompress OUTPUT_FOLDER
"""

import gzip
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

# Text formats the site serves; compressing anything else (images, fonts, Pagefind's index) gains nothing.
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".xml", ".json", ".svg", ".txt", ".webmanifest"})
# Pagefind's index, fragments, metadata and WebAssembly are stored gzip-compressed by Pagefind itself.
ALREADY_COMPRESSED = frozenset({".pf_fragment", ".pf_index", ".pf_meta", ".pagefind", ".gz", ".br"})


def candidates(folder):
    """Every text file under `folder`, in a stable order."""
    for path in sorted(Path(folder).rglob("*")):
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES and suffix not in ALREADY_COMPRESSED and path.is_file() and not path.is_symlink():
            yield path


def compress(path):
    """Write path.gz and path.br; return the three sizes (original, gzip, brotli)."""
    data = path.read_bytes()
    gz = gzip.compress(data, compresslevel=9, mtime=0)
    br = brotli.compress(data, quality=11, mode=brotli.MODE_TEXT)
    for suffix, payload in ((".gz", gz), (".br", br)):
        target = path.with_name(path.name + suffix)
        target.write_bytes(payload)
        stat = path.stat()
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same Last-Modified for every variant
    return len(data), len(gz), len(br)


def precompress(folder, workers=None):
    """Compress every text file under `folder`; return (files, original bytes, gzip bytes, brotli bytes)."""
    files = list(candidates(folder))
    with ThreadPoolExecutor(max_workers=workers or min(8, os.cpu_count() or 1)) as pool:
        sizes = list(pool.map(compress, files))
    return (len(files), *(sum(column) for column in zip(*sizes))) if sizes else (0, 0, 0, 0)


def main(argv=None):
    """`python -m tools.precompress OUTPUT_FOLDER`: compress the text files of the folder and say how much smaller they got."""
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m tools.precompress OUTPUT_FOLDER (an existing folder)", file=sys.stderr)
        return 2
    count, original, gz, br = precompress(args[0])
    if count:
        print(f"Precompressed {count} text files: {original / 1e6:.2f} MB → gzip {gz / 1e6:.2f} MB, brotli {br / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
