"""The `exchange-guide` command: check content, build the site, estimate a stay."""

from __future__ import annotations

import argparse
import sys
import tarfile
from pathlib import Path

from ..model import ContentError, ContentErrors
from . import check_links, check_server, estimate, review


def _check(args) -> int:
    from ..checks.spelling import check_spelling, dictionaries, missing
    from ..checks.terms import check_terms
    from ..model import load_content

    root = Path(args.content)
    content = load_content(root, strict=args.strict)
    for item in content.missing:
        print(f"warning: {item.describe(content.default_language)}", file=sys.stderr)
    # The language checks: the glossary's avoided variants, then spelling in every language that
    # site.yml gives a dictionary for (when they are installed; `make test` needs them and does not skip).
    errors = check_terms(root)
    found = dictionaries(root)
    for lang in [lang for lang, dictionary in found.items() if dictionary is None]:
        print(
            f"warning: spelling not checked for {lang}: no dictionary for {lang} "
            f"(give it as `dictionary:` in content/site.yml)",
            file=sys.stderr,
        )
    absent = missing(found)
    if absent:
        print(
            f"warning: spelling not checked: not installed: {', '.join(absent)} (make system-deps installs them)",
            file=sys.stderr,
        )
    else:
        errors += check_spelling(root)
    if errors:
        raise ContentErrors(errors)
    pages = len(content.pages) + 1
    spelled = 0 if absent else sum(dictionary is not None for dictionary in found.values())
    print(
        f"content OK: {pages} pages in {len(content.languages)} languages, "
        f"{len(content.missing)} missing translation(s), terms checked, spelling checked in {spelled} of "
        f"{len(content.languages)} languages"
    )
    return 0


def _build(args) -> int:
    from ..publish.build import BuildError, build_site

    try:
        result = build_site(
            Path(args.project),
            site_url=args.site_url,
            strict=args.strict,
            out_dir=Path(args.site_dir) if args.site_dir else None,
            content=Path(args.content) if args.content else None,
        )
    except BuildError as exc:
        print(f"error: the site could not be built; site/ is unchanged:\n{exc}", file=sys.stderr)
        return 1
    for item in result.missing:
        print(f"warning: {item}", file=sys.stderr)
    print(f"built {result.pages} pages into {result.site_dir} in {result.seconds:.1f} s")
    return 0


def _dist(args) -> int:
    from ..publish.build import BuildError, build_site
    from ..publish.dist import ReleaseError, make_release
    from ..publish.files import WriteError

    project = Path(args.project).resolve()
    if Path(args.out).exists() and not Path(args.out).is_dir():
        print(f"error: --out: {args.out} is not a folder; nothing was built", file=sys.stderr)
        return 2
    try:
        result = build_site(
            project, site_url=args.site_url, strict=args.strict, out_dir=Path(args.site_dir) if args.site_dir else None
        )
    except BuildError as exc:
        print(f"error: the site could not be built; nothing was released:\n{exc}", file=sys.stderr)
        return 1
    epoch = result.source_date_epoch
    try:
        release = make_release(
            project, result.site_dir, Path(args.out), int(epoch) if epoch else None, result.site_url, args.strict
        )
    except (ReleaseError, WriteError) as exc:
        print(f"error: no release was made: {exc}", file=sys.stderr)
        return 1
    for path in (release.archive, release.manifest, release.sums):
        print(f"wrote {path}")
    return 0


def _verify(args) -> int:
    from ..publish.dist import ReleaseError, verify_release

    try:
        verified = verify_release(Path(args.archive), Path(args.unpacked) if args.unpacked else None)
    except (ReleaseError, OSError, ValueError, tarfile.TarError) as exc:
        print(f"error: {args.archive}: {exc}", file=sys.stderr)
        return 1
    checked = f" and in {args.unpacked}" if args.unpacked else ""
    print(
        f"verified {verified.archive.name}: both files match SHA256SUMS; {verified.files} files, "
        f"{verified.bytes:,} bytes, {verified.site_hash} in the archive{checked}, as the manifest says"
    )
    return 0


def _schemas(args) -> int:
    from ..model.editor_schema import SCHEMA_DIR, schema_texts
    from ..publish.files import write_file

    content = Path(args.content)
    folder = content / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    texts = schema_texts(content)
    for stale in folder.glob("*.schema.json"):
        if stale.name not in texts:
            stale.unlink()
    for name, text in texts.items():
        write_file(folder / name, text)
    print(f"wrote {len(texts)} JSON Schemas into {folder}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="exchange-guide", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate content/ and report missing translations")
    check.add_argument("--content", default="content", help="the content folder (default: content)")
    check.add_argument("--strict", action="store_true", help="fail on missing translations")
    check.set_defaults(func=_check)

    build = sub.add_parser("build", help="generate the pages and build the site into site/")
    build.add_argument("--project", default=".", help="the project folder holding mkdocs.yml (default: .)")
    build.add_argument(
        "--site-url",
        default=None,
        help="the address the site is published at, e.g. https://intranet.example/norut/ (needed for a sub-path)",
    )
    build.add_argument("--site-dir", default=None, help="where to write the site (default: site/)")
    build.add_argument("--content", default=None, help="the content folder (default: content/ in the project)")
    build.add_argument("--strict", action="store_true", help="fail on missing translations")
    build.set_defaults(func=_build)

    dist = sub.add_parser(
        "dist",
        help="build the site and write a reproducible release into dist/: an archive, its manifest and SHA256SUMS",
    )
    dist.add_argument("--project", default=".", help="the project folder holding mkdocs.yml (default: .)")
    dist.add_argument(
        "--site-url", default=None, help="the address the site is published at (default: site_url in content/site.yml)"
    )
    dist.add_argument("--site-dir", default=None, help="where to build the site (default: site/)")
    dist.add_argument("--out", default="dist", help="where to write the release (default: dist/)")
    dist.add_argument("--strict", action="store_true", help="fail on missing translations")
    dist.set_defaults(func=_dist)

    verify = sub.add_parser(
        "verify",
        help="check a release before deploying it: checksums, the archive's members, and the site's hash "
        "recomputed from the unpacked files against its manifest",
    )
    verify.add_argument("archive", help="the release's .tar.gz (its manifest and SHA256SUMS beside it)")
    verify.add_argument(
        "--unpacked", default=None, help="a folder the archive was unpacked or copied to: check its files too"
    )
    verify.set_defaults(func=_verify)

    schemas = sub.add_parser("schemas", help="write the editors' JSON Schemas into content/schemas/")
    schemas.add_argument("--content", default="content", help="the content folder (default: content)")
    schemas.set_defaults(func=_schemas)

    estimate.register(sub)
    check_links.register(sub)
    check_server.register(sub)
    review.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ContentErrors as exc:
        for error in exc.errors:
            print(f"error: {error.describe()}", file=sys.stderr)
        print(f"{len(exc.errors)} error(s) in content; nothing was written", file=sys.stderr)
        return 2
    except ContentError as exc:
        print(f"error: {exc.describe()}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
