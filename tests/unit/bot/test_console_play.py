import io

from bot.console.play import play_round


def test_a_round_fed_on_stdin_stores_every_attempt(service, alice, db):
    stdin = io.StringIO("A\nB\nC\n")
    stdout = io.StringIO()
    result = play_round(service, alice, 3, None, stdin, stdout)
    assert (result.asked, result.answered) == (3, 3)
    assert db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 3
    assert "Round over" in stdout.getvalue()
    assert "Explanation:" in stdout.getvalue()


def test_invalid_input_reprompts_and_eof_ends_the_round(service, alice, db):
    stdin = io.StringIO("zz\n")
    stdout = io.StringIO()
    result = play_round(service, alice, 5, None, stdin, stdout)
    assert "“zz” is not an answer" in stdout.getvalue()
    assert (result.asked, result.answered) == (1, 0)
    assert db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 0
