from questions.models import Question
from questions.reading import most_cited, page_key
from tests.factories import raw_item


def citing(qid: str, *urls: str) -> Question:
    return Question.model_validate(raw_item(qid, references=list(urls)))


def test_the_addresses_of_one_page_share_a_key():
    same_page = [
        "https://docs.databricks.com/machine-learning/ray/scale-ray.html",
        "https://docs.databricks.com/ja/machine-learning/ray/scale-ray.html",
        "https://docs.databricks.com/aws/en/machine-learning/ray/scale-ray",
        "https://docs.databricks.com/gcp/fr/machine-learning/ray/scale-ray/",
        "https://docs.databricks.com/en/machine-learning/ray/scale-ray.html#scale",
    ]
    assert len({page_key(url) for url in same_page}) == 1
    assert page_key("https://learn.microsoft.com/en-us/azure/databricks/x/y") == page_key(
        "https://learn.microsoft.com/azure/databricks/x/y"
    )
    assert page_key("https://docs.databricks.com/api/workspace/schemas/get") != page_key(
        "https://docs.databricks.com/api/workspace/servingendpoints/get"
    )


def test_a_page_counts_once_per_question_under_the_address_cited_most():
    new = "https://docs.databricks.com/aws/en/ai-gateway/inference-tables"
    old = "https://docs.databricks.com/en/ai-gateway/inference-tables.html"
    other = "https://mlflow.org/docs/latest/python_api/mlflow.html"
    questions = [
        citing("t-001", new, old),  # both addresses of one page: one citation
        citing("t-002", new),
        citing("t-003", old + "#anchor"),
        citing("t-004", other + "#mlflow.log_metric", other + "#mlflow.start_run"),
    ]

    pages = most_cited(questions, 10)

    assert [(page.url, page.questions) for page in pages] == [(new, 3), (other, 1)]
