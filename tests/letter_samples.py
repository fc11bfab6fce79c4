"""Letter fields as `draft --fields` reads them, shared by the command line's tests (Linux and Windows)."""

OFICIO_FIELDS = {
    "number": 12, "year": 2026, "sectors": ["GAB", "SMF"], "city": "Rio de Janeiro", "date": "2026-12-01",
    "addressee": {"name": "Ana Lima", "office": "Diretora de Compras", "treatment": "senhoria", "gender": "f",
                  "address": ["Rua X, 1", "20000-000 Rio de Janeiro/RJ"]},
    "subject": "Compra de papel", "relation": "same",
    "signatory": {"name": "Carlos Melo", "office": "Chefe de Gabinete"}}
