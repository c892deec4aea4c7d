"""The dashboard's SVG charts: the figures the tables show, names escaped, a title and a description."""

from datetime import date

from bot.services.dashboard_views import DayView
from bot.services.display import AccuracyRow
from bot.web.charts import participation, pct, section_bars


def test_section_bars_label_each_section_as_the_table_does_and_escape_names():
    rows = [AccuracyRow("A", "Spark <ML> & co", 51, 37), AccuracyRow("B", "Untried", 0, 0)]

    svg = str(section_bars(rows, 70))

    assert pct(rows[0].percent) == "72 %" and "72 % of 51" in svg  # 37/51 is 72.5 %, shown as the table shows it
    assert "Spark &lt;ML&gt; &amp; co" in svg and "<ML>" not in svg
    assert "not tried" in svg
    assert svg.count("<title") == 1 and svg.count("<desc") == 1 and 'role="img"' in svg
    assert "style=" not in svg  # presentation attributes only: the Content-Security-Policy allows no inline style


def test_participation_has_a_column_per_day_scaled_to_the_busiest():
    days = [DayView(date(2026, 12, d), people, people) for d, people in ((1, 0), (2, 4), (3, 2))]

    svg = str(participation(days))

    assert svg.count("<rect") == 3 and 'height="120.0"' in svg and 'height="60.0"' in svg
    assert "02 Dec: 4 people" in svg
