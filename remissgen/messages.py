"""The catalogue of every Swedish message a user can read; `text(key, **values)` fills one in."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Files
    "fil_saknas": "filen '{path}' finns inte",
    "fil_saknas_tips": "kontrollera sökvägen och stavningen",
    "fil_är_mapp": "'{path}' är en mapp, inte en fil",
    "fil_är_mapp_tips": "ange ärendefilen i mappen, till exempel {path}/ärende.yaml",
    "fil_oläslig": "filen går inte att läsa: {reason}",
    "fil_tom": "filen är tom",
    "fil_tom_tips": "skriv ärendet i filen, eller börja från en mall med 'remissgen ny'",
    "inte_utf8": "filen är inte sparad som UTF-8 (den ser ut att vara {encoding})",
    "inte_utf8_tips": "spara filen som UTF-8 i din editor (Spara som, kodning UTF-8)",
    # YAML
    "yaml_syntax": "YAML-fel: {what}",
    "yaml_syntax_tips": "kontrollera indrag, kolon och citattecken på raden",
    "yaml_flera_dokument": "filen innehåller flera YAML-dokument (---); ett ärende är ett dokument",
    "yaml_inte_mappning": "filen ska börja med nycklar som 'nämnd:' och 'sammanfattning:', inte med {found}",
    "yaml_dubblett": "nyckeln '{key}' förekommer två gånger (första gången på rad {first_line})",
    "yaml_dubblett_tips": "ta bort eller slå ihop den ena; annars går text förlorad",
    "yaml_nyckel_inte_text": "en nyckel måste vara ett ord, som 'namn'",
    # Validation
    "okänd_nyckel": "okänd nyckel '{key}'",
    "okänd_nyckel_menade": "okänd nyckel '{key}'. Menade du '{suggestion}'?",
    "okänd_nyckel_tips": "tillåtna nycklar här: {allowed}",
    "saknas": "'{key}' saknas men måste finnas",
    "saknas_tips": "lägg till '{key}:' här",
    "saknas_i": "'{key}' saknas i '{parent}' men måste finnas",
    "tom_text": "'{key}' är tom men måste ha en text",
    "fel_typ": "'{key}' ska vara {expected}, men är {found}",
    "fel_typ_tips": "{example}",
    "datum_format": "'{value}' är inget datum; skriv ÅÅÅÅ-MM-DD, till exempel 2021-12-16",
    "datum_finns_inte": "datumet '{value}' finns inte; skriv ÅÅÅÅ-MM-DD med en månad 01–12 och en dag som finns i månaden",
    "för_få": "'{key}' ska ha minst {minimum} {unit}",
    "färg_format": "'{value}' är ingen färg; skriv #RRGGBB, till exempel #0066CC",
    "efter_okänd": "det finns inget avsnitt med rubriken '{value}' att placera '{rubrik}' efter",
    "efter_okänd_menade": "det finns inget avsnitt med rubriken '{value}'. Menade du '{suggestion}'?",
    "efter_okänd_tips": "rubriker som finns: {allowed}",
    "logotyp_alt_saknas": "'logotyp' har en bild men ingen alternativtext ('alt'), som skärmläsare behöver",
    "logotyp_fil_saknas": "bilden '{path}' finns inte",
    "logotyp_format": "bilden '{path}' är varken PNG eller JPEG",
    # Jinja in text fields
    "jinja_syntax": "mallfel i '{key}': {what}",
    "jinja_odefinierad": "'{name}' finns inte i ärendet (i '{key}')",
    "jinja_odefinierad_tips": "skriv namnet som i ärendefilen, till exempel {{{{ remiss.ärende }}}}",
    "jinja_osäker": "'{key}' försöker nå Pythons interna delar ({what}); det är inte tillåtet och kördes inte",
    "jinja_fel": "mallen i '{key}' gick inte att fylla i: {what}",
    # Kinds, for fel_typ
    "typ_text": "en text",
    "typ_datum": "ett datum (ÅÅÅÅ-MM-DD)",
    "typ_lista": "en lista (rader som börjar med '- ')",
    "typ_mappning": "en grupp nycklar (indragna rader med 'nyckel: värde')",
    "typ_text_eller_lista": "en text eller en lista",
    "typ_tom": "tom",
    # Command line
    "okänt_kommando": "okänt kommando '{name}'",
    "okänt_kommando_menade": "okänt kommando '{name}'. Menade du '{suggestion}'?",
    "internt_fel": (
        "ett oväntat internt fel inträffade i remissgen ({what}). Rapportera det gärna, "
        "med ärendefilen och kommandot; kör med --debug för detaljer"
    ),
    "skrev": "{path}",
    "ogiltigt_ut": "-o ska vara en mapp när flera ärenden byggs: '{path}' är en fil",
    "kunde_inte_skriva": "kunde inte skriva '{path}': {reason}",
    "kunde_inte_skriva_tips": "kontrollera att mappen finns och att du får skriva där",
    "ok": "{path}: inga fel",
    "ny_finns": "'{path}' finns redan; remissgen ny skriver aldrig över en fil",
    "ny_finns_tips": "ange ett annat filnamn: remissgen ny nytt-ärende.yaml",
    # Publicering: skydd mot överskrivning, PDF, batcher, bevakning (bygg)
    "handredigerad": "'{path}' har ändrats efter att remissgen byggde den (troligen i Word); den skrivs inte över",
    "handredigerad_tips": "spara dina ändringar i ärendefilen, eller bygg med --tvinga för att skriva över, eller välj ett annat namn med -o",
    "inte_från_remissgen": "'{path}' finns redan och är inte byggd av remissgen; den skrivs inte över",
    "inte_från_remissgen_tips": "bygg med --tvinga för att skriva över, eller välj ett annat namn med -o",
    "öppen_i_word": "'{path}' är öppen i Word eller LibreOffice (låsfilen '{lock}' finns); den skrivs inte över",
    "öppen_i_word_tips": "stäng dokumentet och bygg igen",
    "upptagen": "'{path}' går inte att ersätta; den är troligen öppen i Word",
    "upptagen_tips": "stäng dokumentet i Word och bygg igen, eller välj ett annat namn med -o",
    "libreoffice_saknas": "LibreOffice hittades inte, så ingen PDF skapades (.docx-filerna är skrivna)",
    "libreoffice_saknas_tips": "installera LibreOffice: {how}",
    "libreoffice_fel": "LibreOffice kunde inte skapa PDF av '{path}' ({reason}); .docx-filen är skriven",
    "libreoffice_tidsgräns": "LibreOffice svarade inte inom {seconds} sekunder; ingen PDF skapades",
    "sammanfattning_batch": "{built} dokument byggda, {failed} med fel",
    "sammanfattning_batch_ok": "{built} dokument byggda",
    "bevakar": "bevakar {count} ärendefiler; tryck Ctrl+C för att sluta",
    "bevakning_slut": "bevakningen avslutad",
    "inga_ärenden_i_mapp": "mappen '{path}' innehåller inga ärendefiler (.yaml)",
}


def text(message_id: str, /, **values: object) -> str:
    """Return the catalogue message `message_id` with `values` filled in."""
    return MESSAGES[message_id].format(**values)


def hint(message_id: str, /, **values: object) -> str | None:
    """Return the hint that goes with `message_id` (its `_tips` entry) filled in, or None."""
    template = MESSAGES.get(f"{message_id}_tips")
    return template.format(**values) if template is not None else None
