"""The message catalogue, the notice reader's part: what it had to decide or could not read
(see domain/messages.py)."""

from __future__ import annotations

from preavis.domain.message_entries import Entry, _e

MESSAGES: dict[str, Entry] = {
    # A notice that cannot be read at all (NoticeError): its size, its kind, its PDF.
    "notice.too_large": _e(
        "notice too large: {size} bytes (at most {limit})",
        "avis trop volumineux : {size:num} octets (au plus {limit:num})",
    ),
    "notice.utf16": _e(
        "not readable UTF-16 text (byte {byte})",
        "texte UTF-16 illisible (octet {byte})",
    ),
    "notice.binary": _e(
        "this is a binary file, not a text notice or a PDF",
        "c’est un fichier binaire, ni un avis en texte ni un PDF",
    ),
    "notice.pdf_unreadable": _e("not a readable PDF ({why})", "PDF illisible ({why})"),
    "notice.pdf_nested": _e(
        "not a readable PDF (its objects nest too deeply)",
        "PDF illisible (ses objets sont imbriqués trop profondément)",
    ),
    "notice.pdf_encrypted": _e(
        "the PDF is encrypted: export an unprotected copy",
        "le PDF est chiffré : exportez-en une copie non protégée",
    ),
    "notice.pdf_pages": _e(
        "the PDF has {pages} pages (at most {limit})",
        "le PDF a {pages:num} pages (au plus {limit:num})",
    ),
    "notice.pdf_no_text": _e(
        "the PDF has no text layer: run OCR first (e.g. ocrmypdf), then import",
        "le PDF n’a pas de couche de texte : passez-le d’abord à la reconnaissance de "
        "caractères (par exemple ocrmypdf), puis importez-le",
    ),
    "notice.year_range": _e(
        "--year {year} is out of range",
        "l’année {year} (--year) est hors limites",
    ),
    "notice.too_many_lines": _e(
        "notice too long: {lines} lines (at most {limit})",
        "avis trop long : {lines:num} lignes (au plus {limit:num})",
    ),
    "notice.empty": _e("the notice is empty", "l’avis est vide"),
    "notice.too_slow": _e(
        "the notice took more than {seconds} s to read; split it into smaller notices (one "
        "maintenance each) or remove what is not about the interruptions",
        "la lecture de l’avis a pris plus de {seconds} s ; découpez-le en avis plus petits "
        "(une maintenance chacun) ou retirez ce qui ne concerne pas les interruptions",
    ),
    "notice.too_much_text": _e(
        "the notice holds more than {limit:num} characters of text ({characters:num}); a notice "
        "is a few pages: split it, or import only the part about the interruptions",
        "l’avis contient plus de {limit:num} caractères de texte ({characters:num}) ; un avis "
        "tient en quelques pages : découpez-le, ou n’importez que la partie sur les interruptions",
    ),
    "notice.pdf_too_large": _e(
        "the PDF expands to more than {megabytes} MB of content; export the notice again as a "
        "plain PDF (or as text) and import that",
        "le PDF se décompresse en plus de {megabytes} Mo de contenu ; exportez de nouveau l’avis "
        "en PDF simple (ou en texte) et importez celui-ci",
    ),
    "notice.pdf_too_complex": _e(
        "the PDF is too complex to read ({detail}); export the notice again as a plain PDF (or "
        "as text) and import that",
        "le PDF est trop complexe à lire ({detail}) ; exportez de nouveau l’avis en PDF simple "
        "(ou en texte) et importez celui-ci",
    ),
    # The notice reader (notices/): what it had to decide or could not read. Values it
    # quotes from the notice are the notice's own words; dates are said in each language.
    "notice.year_guessed": _e(
        "no year is printed: read as {year}, {day} being the next such date after "
        "{reference} (pass --year to choose)",
        "aucune année n’est imprimée : lue comme {year}, le {day} étant la prochaine date "
        "après le {reference} (précisez l’année au besoin)",
    ),
    "notice.midnight": _e(
        "“{word}” on {day} read as the end of that day (0 h on {next})",
        "« {word} » le {day} lu comme la fin de cette journée (0 h le {next})",
    ),
    "notice.no_start_time": _e(
        "no start time is printed for {day}: read as 0 h (start of day)",
        "aucune heure de début n’est imprimée pour le {day} : lue comme 0 h (début de journée)",
    ),
    "notice.no_end_time": _e(
        "no end time is printed for {day}: read as the end of that day",
        "aucune heure de fin n’est imprimée pour le {day} : lue comme la fin de cette journée",
    ),
    "notice.starts_before": _e(
        {
            "one": "“{service}” starts {minutes} minute before the announced start: "
            "the row starts {row}, the announced period {announced}",
            "other": "“{service}” starts {minutes} minutes before the announced start: "
            "the row starts {row}, the announced period {announced}",
        },
        {
            "one": "« {service} » commence {minutes} minute avant le début annoncé : "
            "la ligne commence le {row}, la période annoncée le {announced}",
            "other": "« {service} » commence {minutes} minutes avant le début annoncé : "
            "la ligne commence le {row}, la période annoncée le {announced}",
        },
        count="minutes",
    ),
    "notice.ends_after": _e(
        {
            "one": "“{service}” ends {minutes} minute after the announced end ({announced})",
            "other": "“{service}” ends {minutes} minutes after the announced end ({announced})",
        },
        {
            "one": "« {service} » finit {minutes} minute après la fin annoncée ({announced})",
            "other": "« {service} » finit {minutes} minutes après la fin annoncée ({announced})",
        },
        count="minutes",
    ),
    "notice.impact_part_works": _e(
        "impact of “{service}” read as limited (“{words}”: part still works)",
        "effet sur « {service} » lu comme limité (« {words} » : une partie fonctionne encore)",
    ),
    "notice.impact_no_description": _e(
        "impact of “{service}” read as unavailable (no description says what still works)",
        "effet sur « {service} » lu comme indisponible (aucune description ne dit ce qui "
        "fonctionne encore)",
    ),
    "notice.impact_no_limited_word": _e(
        "impact of “{service}” read as unavailable (no word says it is limited)",
        "effet sur « {service} » lu comme indisponible (aucun mot ne dit qu’il est limité)",
    ),
    "notice.cancelled": _e(
        "“{service}” is marked cancelled: no row",
        "« {service} » est indiqué comme annulé : aucune ligne",
    ),
    "notice.unknown_zone": _e("unknown time zone “{zone}”", "fuseau horaire inconnu : « {zone} »"),
    "notice.code_not_zone": _e(
        "“({code})” after the window is read as a place or a code, not a time zone",
        "« ({code}) » après la période est lu comme un lieu ou un code, pas un fuseau horaire",
    ),
    "notice.no_zone": _e(
        "no time zone is printed: read as {zone} (pass --timezone)",
        "aucun fuseau horaire n’est imprimé : lu comme {zone} (précisez le fuseau au besoin)",
    ),
    "notice.no_interruption": _e(
        "no interruption found: no row pairs a service with a window",
        "aucune interruption trouvée : aucune ligne n’associe un service à une période",
    ),
    "notice.date_ambiguous": _e(
        "{date} is ambiguous (day/month or month/day): write the month in words",
        "{date} est ambiguë (jour/mois ou mois/jour) : écrivez le mois en toutes lettres",
    ),
    "notice.no_year": _e(
        "no year could be worked out for this date: pass --year",
        "aucune année n’a pu être déduite pour cette date : précisez l’année",
    ),
    "notice.no_such_day": _e("{date} does not exist", "la date {date} n’existe pas"),
    "notice.not_a_range": _e(
        "the days of “{window}” do not make a range",
        "les jours de « {window} » ne forment pas une période",
    ),
    "notice.window_no_date": _e(
        "the window “{window}” has no date", "la période « {window} » n’a pas de date"
    ),
    "notice.overnight": _e(
        "“{window}” read as overnight, from {start} to {end}",
        "« {window} » lu comme une nuit, du {start} au {end}",
    ),
    "notice.ends_before_start": _e(
        "the window “{window}” ends before it starts",
        "la période « {window} » finit avant de commencer",
    ),
    "notice.bad_hour": _e("{hour} h is not a time of day", "{hour} h n’est pas une heure du jour"),
    "notice.dst_gap": _e(
        "{when} does not exist in {zone}: the clocks skip it at a daylight-saving change",
        "{when} n’existe pas dans le fuseau {zone} : les horloges la sautent au changement d’heure",
    ),
    "notice.dst_twice": _e(
        "{when} happens twice in {zone} (daylight-saving change): read as the first ({offset})",
        "{when} survient deux fois dans le fuseau {zone} (changement d’heure) : lue comme la "
        "première ({offset})",
    ),
    "notice.numeric_read_as": _e(
        "{printed} read as {month:term} {day} ({order:term}, {why:term})",
        "{printed} lu comme le {day:nth} {month:term} ({order:term}, {why:term})",
    ),
    "notice.year_from_weekday": _e(
        "no year is printed with {month:term} {day}: read as {year}, the year in which it is a "
        "{weekday:term}",
        "aucune année n’accompagne le {day:nth} {month:term} : lue comme {year}, l’année où "
        "c’est un {weekday:term}",
    ),
    "notice.weekday_mismatch": _e(
        "{day} is a {weekday:term}, not a {printed:term} as printed; the date was kept",
        "le {day} est un {weekday:term}, pas un {printed:term} comme imprimé : la date est gardée",
    ),
    "notice.prints_daylight": _e(
        "the notice prints daylight time, but on {day} {zone} is on {label:term} ({offset}): read "
        "as local time",
        "l’avis indique l’heure avancée, mais le {day} le fuseau {zone} est à l’heure "
        "{label:term} ({offset}) : lue comme l’heure locale",
    ),
    "notice.prints_standard": _e(
        "the notice prints standard time, but on {day} {zone} is on {label:term} ({offset}): read "
        "as local time",
        "l’avis indique l’heure normale, mais le {day} le fuseau {zone} est à l’heure "
        "{label:term} ({offset}) : lue comme l’heure locale",
    ),
    "notice.year_elsewhere_unfit": _e(
        "the year printed elsewhere ({printed}) does not fit the weekdays; read as {year}, where "
        "they fit",
        "l’année imprimée ailleurs ({printed}) ne correspond pas aux jours de la semaine : lue "
        "comme {year}, où ils correspondent",
    ),
    "notice.no_year_no_reference": _e(
        "no year is printed and no reference date was given",
        "aucune année n’est imprimée et aucune date de référence n’a été donnée",
    ),
    "notice.heading_name": _e(
        "“{service}” is the heading above this window, not on its line",
        "« {service} » est le titre au-dessus de cette période, pas sur sa ligne",
    ),
    "notice.name_sentence": _e(
        "“{service}” reads as a sentence, not as a service name",
        "« {service} » se lit comme une phrase, pas comme un nom de service",
    ),
    "notice.name_cut": _e(
        "“{service}” looks cut short (an unclosed bracket)",
        "« {service} » semble coupé (une parenthèse ouverte sans fermeture)",
    ),
    # Why a rule's tie of a name to a window is a guess (notices/evidence.py) ...
    "notice.weak_title": _e(
        "“{service}” tied to its window by the {rule} rule: no sentence names a service for this "
        "window: the notice's title does",
        "« {service} » est rattaché à sa période par la règle « {rule} » : aucune phrase ne nomme "
        "de service pour cette période, c’est le titre de l’avis qui le fait",
    ),
    "notice.weak_kind": _e(
        "“{service}” tied to its window by the {rule} rule: the service is implied by the kind "
        "of notice (“{cue}”)",
        "« {service} » est rattaché à sa période par la règle « {rule} » : le service est déduit "
        "du genre d’avis (« {cue} »)",
    ),
    "notice.weak_event_object": _e(
        "“{service}” tied to its window by the {rule} rule: the service is what the maintenance "
        "is said to be of",
        "« {service} » est rattaché à sa période par la règle « {rule} » : le service est ce sur "
        "quoi porte l’entretien, d’après l’avis",
    ),
    "notice.weak_window_elsewhere": _e(
        "“{service}” tied to its window by the {rule} rule: the window is printed in another "
        "sentence (line {line}), which names no service",
        "« {service} » est rattaché à sa période par la règle « {rule} » : la période est écrite "
        "dans une autre phrase (ligne {line}), qui ne nomme aucun service",
    ),
    "notice.weak_lead_in": _e(
        "“{service}” tied to its window by the {rule} rule: the list's lead-in prints no "
        "window: the notice's one window applies",
        "« {service} » est rattaché à sa période par la règle « {rule} » : la phrase qui annonce "
        "la liste n’écrit aucune période, la seule période de l’avis s’applique",
    ),
    "notice.weak_place": _e(
        "“{service}” tied to its window by the {rule} rule: the table has no service column: "
        "the row is named by its place",
        "« {service} » est rattaché à sa période par la règle « {rule} » : le tableau n’a pas de "
        "colonne de service, la ligne est nommée par son lieu",
    ),
    "notice.weak_heading": _e(
        "“{service}” tied to its window by the {rule} rule: the table has no service column: "
        "the service is the heading above it",
        "« {service} » est rattaché à sa période par la règle « {rule} » : le tableau n’a pas de "
        "colonne de service, le service est le titre au-dessus de lui",
    ),
    "notice.weak_table_title": _e(
        "“{service}” tied to its window by the {rule} rule: the table has no service column: "
        "the service is the notice's title",
        "« {service} » est rattaché à sa période par la règle « {rule} » : le tableau n’a pas de "
        "colonne de service, le service est le titre de l’avis",
    ),
    "notice.weak_one_window": _e(
        "“{service}” tied to its window by the {rule} rule: the notice's one window, not said "
        "in this sentence",
        "« {service} » est rattaché à sa période par la règle « {rule} » : la seule période de "
        "l’avis, qui n’est pas écrite dans cette phrase",
    ),
    # ... and the ranking of candidate names (notices/ranking.py)
    "notice.name_ranked": _e(
        "“{service}” is the best-scored name ({source}, {score}), ranked above “{other}” "
        "({other_source}, {other_score})",
        "« {service} » est le nom le mieux noté ({source}, {score}), devant « {other} » "
        "({other_source}, {other_score})",
    ),
    "notice.name_antecedent": _e(
        "“{service}” is read from “{generic}”, a generic word pointing back at it",
        "« {service} » est lu à partir de « {generic} », un mot générique qui le désigne",
    ),
    "notice.name_generic": _e(
        "“{service}” is only a generic word, not a service name",
        "« {service} » n’est qu’un mot générique, pas un nom de service",
    ),
    "notice.name_place": _e(
        "“{service}” stands for “{place}”, a place the notice says it is cut in",
        "« {service} » remplace « {place} », un lieu où l’avis dit qu’il est coupé",
    ),
    "notice.name_weak": _e(
        "“{service}” is weak evidence of a service name (score {score})",
        "« {service} » désigne mal un service (note {score})",
    ),
    "notice.name_close": _e(
        "“{other}” ({other_source}, {other_score}) scores nearly as well as “{service}” ({score})",
        "« {other} » ({other_source}, {other_score}) est presque aussi bien noté que "
        "« {service} » ({score})",
    ),
    "notice.no_service_name": _e(
        "no service name for the window “{window}”",
        "aucun nom de service pour la période « {window} »",
    ),
    # A reading of a window that is a guess (WindowMatch.note), said on its rows.
    "notice.end_said_later": _e(
        "“{window}” ends as a later sentence says (“{said}”)",
        "« {window} » se termine comme le dit une phrase plus loin (« {said} »)",
    ),
    "notice.changed_hours": _e(
        "“{window}” read as closed from {start} to {end}, between the usual hour and the "
        "changed one",
        "« {window} » lu comme une fermeture de {start} à {end}, entre l’heure habituelle et "
        "l’heure changée",
    ),
    "notice.repeated_each_day": _e(
        "“{window}” read as repeated each day of the range (the notice does not say “each night”)",
        "« {window} » lu comme répété chaque jour de la période (l’avis ne dit pas « chaque "
        "nuit »)",
    ),
    "notice.no_end_rest_of_day": _e(
        "“{window}” prints no end: read as closed for the rest of that day",
        "« {window} » n’indique pas de fin : lu comme fermé jusqu’à la fin de la journée",
    ),
    "notice.listed_day": _e(
        "“{window}” read as a whole day, one of a list of dates under a sentence that says "
        "something stops",
        "« {window} » lu comme une journée entière, l’une des dates énumérées sous une phrase "
        "qui annonce un arrêt",
    ),
    "notice.page_date_start": _e(
        "“{window}” (the page's date, in its front matter) read as the start, the end as "
        "that plus the duration the text gives ({duration}): the text prints no start of its own",
        "« {window} » (la date de la page, dans son en-tête) lu comme le début, la fin comme "
        "ce début plus la durée donnée par le texte ({duration}) : le texte n’imprime pas de début",
    ),
    "notice.every_such_day": _e(
        "“{window}” read as every such day of the range, whole days",
        "« {window} » lu comme chacun de ces jours de la période, en journées entières",
    ),
    "notice.repeated_over_days": _e(
        {
            "one": "“{window}” is repeated each day over the {count} day the notice states, "
            "from its beginning date",
            "other": "“{window}” is repeated each day over the {count} days the notice states, "
            "from its beginning date",
        },
        {
            "one": "« {window} » est répété chaque jour pendant le {count} jour qu’indique "
            "l’avis, à partir de sa date de début",
            "other": "« {window} » est répété chaque jour pendant les {count} jours qu’indique "
            "l’avis, à partir de sa date de début",
        },
        count="count",
    ),
    # A window printed without a date, dated from its context (notices/undated.py).
    "notice.dates_listed_elsewhere": _e(
        "“{window}” applies to dates listed elsewhere in the notice: not read as a window of "
        "its own",
        "« {window} » s’applique à des dates indiquées ailleurs dans l’avis : pas lu comme une "
        "fenêtre à part",
    ),
    "notice.told_in_past": _e(
        "“{window}” is told in the past with no date (a past incident): not read as a window",
        "« {window} » est raconté au passé, sans date (un incident passé) : pas lu comme une "
        "fenêtre",
    ),
    "notice.open_ended_rule": _e(
        "“{window}” repeats with no date said (an open-ended rule): not read as a window",
        "« {window} » se répète sans date (une règle sans fin) : pas lu comme une fenêtre",
    ),
    "notice.next_weekday": _e(
        "no date is printed with “{window}”: read as the next {weekday:term} from the "
        "reference date, {day}",
        "aucune date n’accompagne « {window} » : lu comme le {weekday:term} qui suit la date "
        "de référence, {day}",
    ),
    "notice.weekday_after_line": _e(
        "no date is printed with “{window}”: read as the {weekday:term} after the date on line "
        "{at_line}, {day}",
        "aucune date n’accompagne « {window} » : lu comme le {weekday:term} qui suit la date de "
        "la ligne {at_line}, {day}",
    ),
    "notice.date_from_line": _e(
        "no date is printed with “{window}”: the date was taken from line {at_line}",
        "aucune date n’accompagne « {window} » : la date vient de la ligne {at_line}",
    ),
    "notice.nights_from_line": _e(
        "no date is printed with “{window}”: read as each of the nights listed on line {at_line}",
        "aucune date n’accompagne « {window} » : lue comme chacune des nuits énumérées à la "
        "ligne {at_line}",
    ),
    "notice.no_date_at_all": _e(
        "no date is printed with “{window}” and the notice prints no date of its own: not read "
        "as a window",
        "aucune date n’accompagne « {window} » et l’avis n’indique pas sa propre date : pas lu "
        "comme une fenêtre",
    ),
    "notice.notice_own_date": _e(
        "no date is printed with “{window}”: read as the notice's own date (line {at_line}), {day}",
        "aucune date n’accompagne « {window} » : lu comme la date de l’avis (ligne {at_line}), "
        "{day}",
    ),
    "notice.relative_from_dateline": _e(
        "no date is printed with “{window}”: “{said}” read as {day}, from the notice's date "
        "(line {at_line})",
        "aucune date n’accompagne « {window} » : « {said} » lu comme le {day}, d’après la date "
        "de l’avis (ligne {at_line})",
    ),
    "notice.relative_from_reference": _e(
        "no date is printed with “{window}”: “{said}” read as {day}, from the reference date",
        "aucune date n’accompagne « {window} » : « {said} » lu comme le {day}, d’après la date "
        "de référence",
    ),
    "notice.whole_days_unnamed": _e(
        "“{window}” (whole days, no time) names no service: read as no interruption",
        "« {window} » (journées entières, sans heure) ne nomme aucun service : "
        "aucune interruption retenue",
    ),
    "notice.window_names_no_service": _e(
        "this window names no service: list them after “Affected services:” "
        "(« Services touchés : »)",
        "cette période ne nomme aucun service : énumérez-les après « Services touchés : »",
    ),
    # A window that gives no row while other rows of the notice were read (notices/partial.py).
    "notice.window_unnamed_skipped": _e(
        "no service name for the window “{window}”: no row for it, the other rows are kept",
        "aucun nom de service pour la période « {window} » : aucune ligne pour elle, les "
        "autres lignes sont gardées",
    ),
    "notice.too_many_rows": _e(
        "too many rows: more than {limit}", "trop de lignes : plus de {limit}"
    ),
    "notice.overlap": _e(
        "“{service}” overlaps its row at line {other}; while both apply, the most severe "
        "impact wins",
        "« {service} » chevauche son autre rangée (ligne {other}) ; tant que les deux "
        "s’appliquent, l’effet le plus grave l’emporte",
    ),
    "notice.not_in_catalogue_guess": _e(
        "“{service}” is not in the catalogue; did you mean “{guess}”?",
        "« {service} » n’est pas au catalogue ; vouliez-vous dire « {guess} » ?",
    ),
    "notice.not_in_catalogue": _e(
        "“{service}” is not in the catalogue", "« {service} » n’est pas au catalogue"
    ),
    "notice.matched_alias": _e(
        "“{printed}” read as “{service}”: a correction made in an earlier import review",
        "« {printed} » lu comme « {service} » : une correction faite lors d’une révision "
        "d’importation précédente",
    ),
}
