import struct
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR"
    assert zlib.crc32(data[12 : 16 + length]) == struct.unpack(">I", data[16 + length : 20 + length])[0]
    return struct.unpack(">II", data[16:24])


def test_the_stats_chart_renders_a_valid_png_without_a_display(service, alice, clock, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    for _day in range(3):
        for _ in range(15):
            view = service.practice_question(alice, adaptive=False)  # new questions: readiness counts first answers
            question = service.context.bank.get(view.question_id)
            service.answer_practice(alice, view.answers_to, list(question.answer))
        clock.advance(days=1)
    history = service.readiness_history(alice)
    assert len(history) == 3 and history[-1][1].enough_data
    width, height = png_size(service.stats_chart(alice))
    assert (width, height) == (900, 750)


def test_a_person_with_no_answers_gets_no_chart(service, bob):
    assert service.stats_chart(bob) is None


def answer(service, member, count, right=True):
    for _ in range(count):
        view = service.practice_question(member, adaptive=False)  # new questions: readiness counts first answers
        question = service.context.bank.get(view.question_id)
        wrong = [x for x in question.letters if x not in question.answer][: question.choose]
        service.answer_practice(member, view.answers_to, list(question.answer) if right else wrong)


def test_a_section_at_zero_looks_unlike_one_never_answered(service, alice):
    from matplotlib.colors import to_rgba

    from bot.services.charts import BAD, SLIVER, stats_figure

    answer(service, alice, 2, right=False)
    stats = service.stats(alice)
    bars, _ = stats_figure(stats, service.readiness_history(alice)).axes
    answered = [row for row in reversed(stats.sections) if row.answered]
    never = [row for row in stats.sections if not row.answered]
    assert answered and never
    texts = [t.get_text() for t in bars.texts]
    assert texts.count("not answered yet") == len(never)
    assert texts.count("0 %") == len(answered)
    drawn = bars.patches
    at_zero = [p for p in drawn if p.get_facecolor() == to_rgba(BAD)]
    assert len(at_zero) == len(answered) and all(p.get_width() == SLIVER for p in at_zero)
    assert sum(bool(p.get_hatch()) for p in drawn) == len(never)


def test_a_single_day_of_readiness_gets_a_readable_axis_and_its_band(service, alice):
    from matplotlib.dates import num2date

    from bot.services.charts import stats_figure

    answer(service, alice, 45)
    history = service.readiness_history(alice)
    assert len(history) == 1 and history[0][1].enough_data
    _, trend = stats_figure(service.stats(alice), history).axes
    low, high = (num2date(x).date() for x in trend.get_xlim())
    assert low < history[0][0] < high  # the day sits inside the axis, not on an edge of a zero-width one
    assert len(trend.containers) == 1  # the 90 % band, as an error bar
    assert [tick.get_text() for tick in trend.get_xticklabels()][1] == history[0][0].strftime("%d %b")


def test_the_chart_can_be_a_jpeg(service, alice):
    answer(service, alice, 3)
    assert service.stats_chart(alice, "jpeg").startswith(b"\xff\xd8\xff")
