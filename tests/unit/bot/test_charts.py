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
            view = service.practice_question(alice)
            question = service.context.bank.get(view.question_id)
            service.answer_practice(alice, view.answers_to, list(question.answer))
        clock.advance(days=1)
    history = service.readiness_history(alice)
    assert len(history) == 3 and history[-1][1].enough_data
    width, height = png_size(service.stats_chart(alice))
    assert (width, height) == (900, 750)


def test_a_person_with_no_answers_gets_no_chart(service, bob):
    assert service.stats_chart(bob) is None
