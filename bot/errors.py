"""Domain errors the adapters turn into a polite message (str(error) is that message)."""


class QuizError(Exception):
    """Base for refusals a person should see."""


class UnknownAskError(QuizError):
    def __init__(self) -> None:
        super().__init__("That question is no longer known; ask for a new one.")


class NotYourQuestionError(QuizError):
    def __init__(self) -> None:
        super().__init__("That question was asked to someone else; ask for your own.")


class InvalidChoiceError(QuizError):
    pass


class UnknownScopeError(QuizError):
    pass


class NotAllowedError(QuizError):
    def __init__(self) -> None:
        super().__init__("Only people who manage this server or workspace can do that.")


class UnknownPostError(QuizError):
    def __init__(self) -> None:
        super().__init__("That daily question is not known here.")


class PostClosedError(QuizError):
    pass


class QuestionGoneError(QuizError):
    def __init__(self, question_id: str) -> None:
        super().__init__(f"Question {question_id} is no longer in the bank, so there is nothing to report.")
