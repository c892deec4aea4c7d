from questions.calibration import CALIBRATED_MIN, calibrate


def test_an_item_with_few_answers_stays_near_average_and_one_with_many_moves():
    counts = {"few": (0, 1), "hard": (20, 100), "easy": (95, 100)} | {f"q{i}": (60, 100) for i in range(20)}
    calibration = calibrate(counts)
    assert abs(calibration.of("few")) < 0.5
    assert calibration.of("hard") > 1.5 and calibration.of("easy") < -1.5
    assert calibration.of("never answered") == 0.0
    assert not calibration.calibrated("few") and calibration.calibrated("hard")
    assert calibration.answers["hard"] == 100 >= CALIBRATED_MIN


def test_no_answers_give_an_empty_calibration():
    calibration = calibrate({})
    assert calibration.total == 0 and calibration.of("x") == 0.0
    assert calibrate({"q": (0, 0)}).total == 0


def test_difficulties_stay_within_bounds_when_every_answer_is_wrong():
    calibration = calibrate({"q": (0, 10_000), "r": (10_000, 10_000)})
    assert -4 <= calibration.of("r") < 0 < calibration.of("q") <= 4


def test_the_learning_trend_is_read_within_each_person():
    from questions.calibration import TREND_PERIOD_DAYS, learning_trend, logit

    # ann improves from 50 % to 73 % right over two periods; ben stays at 80 %
    cells = {("ann", 0): (50, 100), ("ann", 1): (73, 100), ("ben", 0): (80, 100), ("ben", 1): (80, 100)}
    gain = logit(73.5 / 101) - logit(50.5 / 101)
    assert abs(learning_trend(cells) - gain / 2 * 30 / TREND_PERIOD_DAYS) < 0.02
    # a strong person answering new questions only later in their study is not learning
    assert learning_trend({("ann", 0): (50, 100), ("ben", 3): (90, 100)}) == 0.0
    assert learning_trend({}) == 0.0
