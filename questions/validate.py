"""`python -m questions.validate`: validate the shipped bank (the same code as `quizbot bank validate`)."""

import sys

from questions.bank import BankError, load_bank
from questions.guide import load_guide


def main() -> int:
    try:
        bank = load_bank()
        load_guide(syllabus=bank.syllabus)
    except BankError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"bank OK: {len(bank.questions)} active questions ({len(bank.all_questions)} in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
