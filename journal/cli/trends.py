"""`journal trends`: how practice changes, as tables or one JSON document."""

from __future__ import annotations

from datetime import date

import click

from journal.cli.base import Fail, dump_json, json_option, open_session, passphrase_option


@click.command()
@click.option("--period", "-p", default="4w", show_default=True, metavar="4w|3m|12m|all|FROM..TO",
              help="The period: the last 4 weeks, 13 weeks, 52 weeks, the whole journal, or "
                   "two dates (either may be left out).")
@json_option
@passphrase_option
@click.pass_context
def trends(ctx: click.Context, period: str, as_json: bool) -> None:
    """How practice changes: values, the check-list, change, challenges, writing."""
    from journal.domain import trends as figures

    today = date.today()
    try:
        figures.parse_period(period, today)  # a typo fails before the passphrase is asked
    except figures.PeriodError as exc:
        raise Fail(str(exc)) from None
    with open_session(ctx) as session:
        points = session.trend_points()
        framework, catalogue = session.framework, session.catalogue
        streaks = session.settings.streaks
    chosen = figures.parse_period(period, today, points.first)
    names = figures.Names(framework, catalogue)
    result = figures.compute(points, chosen, names, today, streaks)
    if as_json:
        dump_json(figures.to_json(result))
        return
    from rich.console import Console

    from journal.present.trends import everything

    console = Console(highlight=False, soft_wrap=False)
    for part in everything(result, console.width):
        console.print(part)


COMMANDS = [trends]
