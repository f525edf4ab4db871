"""Arguments → the command's run(args) → exit code (0–5 as the contract says).

Command implementations live in remissgen/commands/ and are imported only when run, so
that `--help` and `kontrollera` start fast. The commands print through commands/report;
this module prints only help, usage errors and an error no command caught. The library
(remissgen.load_text and the rest) never prints.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys

from . import __version__
from .errors import Location, Problem, RemissgenError, UsageError
from .messages import menade, suggest, text

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any, NoReturn

_ARGPARSE_SV = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "optional arguments": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa versionen och avsluta",
    "the following arguments are required: %s": "följande argument saknas: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "expected one argument": "ett värde saknas",
    "expected at least one argument": "minst ett värde saknas",
    "expected at most one argument": "högst ett värde",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s":
        "tvetydig flagga: %(option)s kan betyda %(matches)s",
    "not allowed with argument %s": "kan inte kombineras med %s",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
}


def _sv(message: str) -> str:
    return _ARGPARSE_SV.get(message, message)


argparse._ = _sv  # type: ignore[attr-defined]  # argparse looks `_` up at call time


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors become UsageError (exit 2), in Swedish.

    Options are never matched by prefix (`--bevak` is not `--bevaka`): a misspelt flag is
    an error with a suggestion, not another command.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        choice = re.search(r"ogiltigt val: '([^']*)' \(välj bland (.*)\)", message)
        unknown = re.fullmatch(r"okända argument: (--\S+)", message)
        if choice:
            name, allowed = choice.group(1), re.findall(r"'([^']*)'", choice.group(2))
            message = menade("okänt_kommando", suggest(name, allowed), name=name)
        elif unknown:  # `--bevak`: say which flag was meant
            close = suggest(unknown.group(1), _option_strings(self))
            if close:
                message = menade("okänd_flagga", close, name=unknown.group(1))
        raise UsageError(Problem(Location(self.prog, 0, 0), message,
                                 text("användning_tips", prog=self.prog), code="användning"))


_FOLDERS = ("ärendefiler att {} eller mappar: en mapp står för sina .yaml-filer (utom "
            "remissgen-profil.yaml), inte för filerna i undermappar")


def _option_strings(parser: argparse.ArgumentParser) -> list[str]:
    """Return every long option of `parser` and of its commands, for a "Menade du …?"."""
    found: list[str] = []
    for action in parser._actions:
        found += [o for o in action.option_strings if o.startswith("--")]
        for sub in (action.choices or {}).values() if isinstance(action.choices, dict) else ():
            found += _option_strings(sub)
    return sorted(set(found))


COMMANDS = ("bygg", "kontrollera", "ny", "schema", "importera", "redigera", "granska",
            "jämför", "mallar", "mall")


class _Skipped:
    """A command's parser left unbuilt, since the command line names another: whatever is
    asked of it (add_argument, add_subparsers, add_parser) is done by doing nothing."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self


class _Only:
    """The commands of a parser, of which only `only` is built (all when None): building
    the other nine commands' 60 options cost every run a few milliseconds, and suggestions
    for a misspelt flag now come from the command used alone."""

    def __init__(self, sub: argparse._SubParsersAction[_Parser], only: str | None) -> None:
        object.__setattr__(self, "_sub", sub)
        object.__setattr__(self, "_only", only)

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if self._only is None or name == self._only:
            return self._sub.add_parser(name, **kwargs)
        return _Skipped()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sub, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._sub, name, value)


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """Return the command line's parser; with `only` (one of COMMANDS), with that command's
    parser alone (as good as all for a line that names it)."""
    parser = _Parser(
        prog="remissgen",
        description="Bygger tjänsteutlåtanden i Word från ärendefiler i YAML.",
        epilog="Börja med 'remissgen ny', som skriver en kommenterad ärendefil att fylla i. "
               "Kör 'remissgen KOMMANDO --help' för ett kommandos flaggor.")
    parser.add_argument("--debug", action="store_true",
                        help="visa tekniska detaljer vid oväntade fel")
    parser.add_argument("--version", action="version", version=f"remissgen {__version__}",
                        help="visa vilken version av remissgen som är installerad")
    sub: Any = _Only(parser.add_subparsers(dest="kommando", metavar="KOMMANDO",
                                           title="kommandon", parser_class=_Parser), only)

    bygg = sub.add_parser("bygg", help="bygg tjänsteutlåtanden (.docx) från ärendefiler",
                          description="Bygger ett .docx-dokument för varje ärendefil.")
    bygg.add_argument("filer", nargs="+", metavar="FALL.yaml", help=_FOLDERS.format("bygga"))
    bygg.add_argument("-o", dest="ut", metavar="UT",
                      help="för ett ärende en .docx-fil, eller en mapp som finns eller skrivs "
                           "med / sist; för flera ärenden en mapp (skapas om den saknas)")
    bygg.add_argument("--pdf", action="store_true",
                      help="skapa också en tillgänglig PDF bredvid varje .docx (kräver LibreOffice)")
    bygg.add_argument("--pdf-version", dest="pdf_version", choices=("a2b-ua1", "ua1"),
                      default="a2b-ua1",
                      help="PDF/A-2b och PDF/UA-1 i samma fil (a2b-ua1, standard) eller bara "
                           "PDF/UA-1 (ua1)")
    bygg.add_argument("--tvinga", action="store_true",
                      help="skriv över även ett dokument som har ändrats i Word efter bygget")
    bygg.add_argument("--slutlig", action="store_true",
                      help="bygg den slutliga versionen: vägra så länge en platshållare "
                           "(FYLL I, ett exempel från 'ny') eller en konsekvensvarning finns kvar")
    bygg.add_argument("--bevaka", action="store_true",
                      help="bygg om varje gång ärendefilen sparas; avsluta med Ctrl+C")

    kontrollera = sub.add_parser("kontrollera", help="kontrollera ärendefiler utan att bygga",
                                 description="Kontrollerar ärendefiler och visar alla fel.")
    kontrollera.add_argument("filer", nargs="+", metavar="FALL.yaml",
                             help=_FOLDERS.format("kontrollera"))
    kontrollera.add_argument("--strikt", action="store_true",
                             help="avsluta med status 1 om det finns någon varning")
    ny = sub.add_parser("ny", help="skriv en ny ärendefil med kommentarer att utgå från",
                        description="Skriver en ny ärendefil med alla fält, exempel och "
                                    "kommentarer, och remissgen-schema.json bredvid den för "
                                    "editorstöd. Skriver aldrig över en befintlig fil.")
    ny.add_argument("fil", nargs="?", metavar="FIL",
                    help="filen att skriva (standard: ärende.yaml)")
    ny.add_argument("--profil", metavar="FIL",
                    help="utgå från profilen FIL i stället för närmaste remissgen-profil.yaml; "
                         "det profilen ger lämnas ute ur den nya filen")
    schema = sub.add_parser("schema", help="skriv ut JSON-schemat för ärendefilen",
                            description="Skriver ut en beskrivning av ärendefilens nycklar "
                                        "(ett JSON-schema) på standard ut. Med den föreslår "
                                        "en editor som VS Code nycklar medan du skriver, "
                                        "visar vad varje fält betyder och stryker under fel. "
                                        "Spara den med 'remissgen schema > "
                                        "remissgen-schema.json'; 'remissgen ny' skriver den "
                                        "åt dig.")
    schema.add_argument("--profil", metavar="FIL",
                        help="ett schema för ärendefiler bredvid profilen FIL: det profilen "
                             "ger behöver inte stå i ärendefilen")
    importera = sub.add_parser(
        "importera", help="gör en ärendefil av ett äldre tjänsteutlåtande (.docx eller text)",
        description="Läser ett tjänsteutlåtande (Word-dokument eller text) och skriver en "
                    "ärendefil. Det som inte kunde tolkas står i en kommentar överst i filen. "
                    "Skriver aldrig över en befintlig fil.")
    importera.add_argument("fil", metavar="FIL", help="tjänsteutlåtandet (.docx eller .txt)")
    importera.add_argument("-o", dest="ut", metavar="FALL.yaml",
                           help="ärendefilen att skriva (standard: FIL-från-word.yaml, för en "
                                "textfil FIL-från-text.yaml, bredvid den)")
    importera.add_argument("--ocr", action="store_true",
                           help="rätta OCR-fel i en textfil (å, ä, ö och 1 för i) med en "
                                "svensk ordlista; kräver remissgen[ocr]")
    redigera = sub.add_parser(
        "redigera", help="redigera en ärendefil i webbläsaren med dokumentet bredvid",
        description="Startar en lokal editor i webbläsaren: ärendefilen till vänster med fel "
                    "och varningar där de står, dokumentet till höger, uppdaterat medan du "
                    "skriver. Finns filen inte skrivs en ny att börja från. Avsluta med Ctrl+C.")
    redigera.add_argument("fil", nargs="?", metavar="FALL.yaml",
                          help="ärendefilen att redigera (skapas om den inte finns)")
    redigera.add_argument("--port", type=_port, metavar="N",
                          help="lyssna på port N (standard: en ledig port)")
    redigera.add_argument("--utan-webbläsare", dest="utan_webbläsare", action="store_true",
                          help="öppna inte webbläsaren; skriv bara ut adressen")
    granska = _granska(sub, bygg)
    jämför = _jämför(sub)
    check = _profiles_and_templates(sub, bygg, kontrollera, granska, jämför, redigera)
    for command in (kontrollera, granska, check):
        command.add_argument("--format", choices=("text", "json"), default="text",
                             help="text (standard) eller json: felen och varningarna som en "
                                  "JSON-lista på standard ut, för editorer och CI")
    return parser


def _granska(sub: argparse._SubParsersAction[_Parser],
             bygg: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add bygg's --granska and the command `granska`; return the latter."""
    bygg.add_argument("--granska", action="store_true",
                      help="visa granskningens varningar (klarspråk och konsekvens) efter bygget")
    bygg.add_argument("--kommentarer", action="store_true",
                      help="skriv varje varning från granskningen som en kommentar i Word-"
                           "dokumentet, på stycket och orden den gäller")
    plain, sub._parser_class = sub._parser_class, _RulesParser
    granska = sub.add_parser(
        "granska", help="granska klarspråk och konsekvens före nämnden",
        description="Granskar ärendefiler: långa meningar och stycken, oförklarade "
                    "förkortningar, LIX per avsnitt och datum, ståndpunkter och namn som inte "
                    "stämmer. Varningarna pekar på rad och kolumn.")
    sub._parser_class = plain
    granska.add_argument("filer", nargs="+", metavar="FALL.yaml", help="ärendefiler att granska")
    granska.add_argument("--strikt", action="store_true",
                         help="avsluta med status 1 om det finns någon varning")
    granska.add_argument("--utan", action="append", metavar="REGEL", default=[],
                         help="stäng av regeln REGEL (kan upprepas), till exempel --utan lix")
    granska.add_argument("--lix-gräns", dest="lix_gräns", metavar="N", type=_lix_limit,
                         help="varna för avsnitt med LIX över N (standard 55, \"svår\")")
    return granska


class _Formatter(argparse.HelpFormatter):
    """Help text wrapped without breaking a file name at its hyphen (remissgen-profil.yaml
    stays whole); a text of several lines (the table of rules) keeps its own lines."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        import textwrap

        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False,
                             break_long_words=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        if "\n" in text:
            return "\n".join(indent + line for line in text.splitlines())
        return textwrap.fill(" ".join(text.split()), width, initial_indent=indent,
                             subsequent_indent=indent, break_on_hyphens=False,
                             break_long_words=False)


class _RulesParser(_Parser):
    """The parser of `granska`, whose epilog (the table of rules) is made when its help is
    shown: every other command, and `--help`, goes without reading the rules' names."""

    def format_help(self) -> str:
        if self.epilog is None:
            self.epilog = _rules_help()
        return super().format_help()


def _rules_help() -> str:
    """Return the rules of `granska`, one a line with what each warns for (from the document
    type's list of rule names, so that --help never imports the rules themselves)."""
    import textwrap

    from . import doctype

    names = doctype.get().rule_names
    width = max(map(len, names))
    lines = [text("granska_regler")]
    for name in names:
        lines += textwrap.wrap(text("regel_" + name), 78, initial_indent=f"  {name:<{width}}  ",
                               subsequent_indent=" " * (width + 4), break_on_hyphens=False)
    return "\n".join(lines)


def _port(value: str) -> int:
    from .commands.redigera import port

    return port(value)


def _jämför(sub: argparse._SubParsersAction[_Parser]) -> argparse.ArgumentParser:
    """Add the command `jämför` and return it."""
    jämför = sub.add_parser(
        "jämför", help="visa vad som ändrats i Word, eller mellan två versioner av ett ärende",
        description="FALL.docx [FALL.yaml]: visar vad som har ändrats i Word mot det "
                    "ärendefilen bygger, avsnitt för avsnitt och stycke för stycke; med "
                    "--för-in skrivs ändringarna in i ärendefilen. gammal.yaml ny.yaml: visar "
                    "skillnaderna som text, eller med -o som ett Word-dokument med spårade "
                    "ändringar.")
    jämför.add_argument("första", metavar="FALL.docx|gammal.yaml",
                        help="dokumentet som ändrats i Word, eller den gamla ärendefilen")
    jämför.add_argument("andra", nargs="?", metavar="FALL.yaml|ny.yaml",
                        help="ärendefilen (standard: samma namn som dokumentet, .yaml), "
                             "eller den nya ärendefilen")
    jämför.add_argument("--för-in", dest="för_in", action="store_true",
                        help="skriv de ändrade texterna in i ärendefilen (en kopia sparas först)")
    jämför.add_argument("-o", dest="ut", metavar="ändringar.docx",
                        help="skriv den nya versionen med spårade ändringar mot den gamla")
    return jämför


def _lix_limit(value: str) -> int:
    from .commands.granska import lix_limit

    return lix_limit(value)


def _profiles_and_templates(sub: Any,
                            *case_commands: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add --profil to the case commands, and the commands `mallar` and `mall`; return the
    parser of `mall kontrollera`."""
    for command in case_commands:
        command.add_argument("--profil", metavar="FIL",
                             help="använd profilen FIL i stället för närmaste "
                                  "remissgen-profil.yaml i ärendets mapp eller en mapp ovanför")
    sub.add_parser("mallar", help="visa de inbyggda Word-mallarna",
                   description="Visar de inbyggda Word-mallarna, en per rad: namn och beskrivning.")
    mall = sub.add_parser("mall", help="kontrollera eller kopiera en Word-mall",
                          description="Arbeta med Word-mallar: kontrollera en mall innan den "
                                      "används, eller kopiera en inbyggd mall att börja från.")
    what = mall.add_subparsers(dest="mall_kommando", metavar="KOMMANDO", title="kommandon",
                               parser_class=_Parser, required=True)
    check: argparse.ArgumentParser = what.add_parser("kontrollera", help="kontrollera en Word-mall",
                            description="Visar okända platshållare, mallfel och stilar som "
                                        "saknas, med var i mallen de finns.")
    check.add_argument("mall", metavar="MALL",
                       help="en inbyggd malls namn (se 'remissgen mallar') eller en sökväg till en .docx")
    copy = what.add_parser("kopiera", help="kopiera en inbyggd mall för att ändra den i Word",
                           description="Kopierar en inbyggd mall, eller en egen .docx, till "
                                       "SÖKVÄG; skriver aldrig över en fil som finns.")
    copy.add_argument("namn", metavar="NAMN",
                      help="den inbyggda mallens namn, till exempel stockholm, eller en .docx")
    copy.add_argument("sökväg", metavar="SÖKVÄG",
                      help="filen (.docx) att kopiera till, eller en mapp: en som finns, eller "
                           "en som skrivs med / sist och då skapas")
    return check


class Signalled(BaseException):  # not an error: the user or system stopped us
    """SIGTERM or SIGHUP arrived; raised where the program is, so temp files are removed."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signum)


def _raise_signalled(signum: int, _frame: object) -> None:
    raise Signalled(signum)


def _on_signals() -> dict[int, Any]:
    """Make SIGTERM and SIGHUP raise Signalled, as Ctrl+C raises KeyboardInterrupt; return the
    handlers they had (none are set outside the main thread, where Python cannot)."""
    import signal

    old = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        try:
            if number is not None:
                old[number] = signal.signal(number, _raise_signalled)
        except ValueError:  # not the main thread (a test's watcher)
            break
    return old


def entry() -> int:
    """Run the command line as the `remissgen` command (and `python -m remissgen`) runs it,
    and return its exit status for the process to end with.

    The command's modules are imported with the collector off and then frozen: what they
    hold lives as long as the process, and collections while they load walked it again and
    again (about 20 M instructions for `bygg`); frozen, no later collection walks it either.
    What the command made is still in memory at the end; `gc.freeze` moves it out of the
    collector's reach, so the interpreter's last collection on the way out does not walk it
    all once more (15-20 ms for `bygg`). Nothing is lost: the process ends and the system
    takes its memory back. Tests call `main`, whose process goes on.
    """
    import gc

    def imported() -> None:
        gc.freeze()
        gc.enable()

    gc.disable()
    try:
        status = main(imported=imported)
    finally:
        gc.enable()
    gc.freeze()
    return status


def main(argv: Sequence[str] | None = None, imported: Callable[[], None] | None = None) -> int:
    """Run the command line; return the exit status of the contract (0–5).

    `imported` is called once the command's module is imported, before it runs (`entry`
    freezes what the imports made there).

    On SIGTERM or SIGHUP, what is being written is removed and the process ends by that
    signal, as it would have without remissgen's handler.
    """
    import signal

    old = _on_signals()
    try:
        return _main(argv, imported)
    except Signalled as stopped:
        signal.signal(stopped.signum, signal.SIG_DFL)
        sys.stderr.flush()
        os.kill(os.getpid(), stopped.signum)
        return 128 + stopped.signum  # pragma: no cover - the signal has ended the process
    finally:
        for number, handler in old.items():
            signal.signal(number, handler)


def _main(argv: Sequence[str] | None, imported: Callable[[], None] | None = None) -> int:
    _utf8_console()
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    try:
        parser = _parser(args_list[0] if args_list and args_list[0] in COMMANDS else None)
        if not args_list:
            parser.print_help()
            return 2
        # --debug works anywhere on the line, as the internal-error message suggests it
        args = parser.parse_args([a for a in args_list if a != "--debug"])
        args.debug = debug
        if args.kommando is None:
            parser.print_help()
            return 2
        module = importlib.import_module(f"remissgen.commands.{args.kommando}")
        if imported is not None:
            imported()
        status: int = module.run(args)
        return status
    except RemissgenError as exc:
        print(str(exc), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("avbrutet", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one Swedish line, the traceback only with --debug
        if debug:
            raise
        print(f"remissgen: fel: {text('internt_fel', what=type(exc).__name__)}", file=sys.stderr)
        return 5


def _utf8_console() -> None:
    """Make stdout and stderr UTF-8 even on a legacy console code page."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):  # pragma: no cover - a detached stream
                continue
