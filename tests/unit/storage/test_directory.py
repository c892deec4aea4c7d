from storage.directory import DirectoryStore


def test_same_platform_ids_give_the_same_rows(db, clock):
    store = DirectoryStore(db)
    first = store.workspace("discord", "G1", "Guild", now=clock())
    again = store.workspace("discord", "G1", now=clock())
    assert first.id == again.id and again.name == "Guild"
    assert store.user(first.id, "U1", "Ann", now=clock()) == store.user(first.id, "U1", now=clock())
    assert store.display_name(store.user(first.id, "U1", now=clock())) == "Ann"


def test_the_same_external_id_on_two_platforms_is_two_workspaces(db, clock):
    store = DirectoryStore(db)
    assert store.workspace("discord", "X", now=clock()).id != store.workspace("slack", "X", now=clock()).id
