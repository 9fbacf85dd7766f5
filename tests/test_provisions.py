"""A provision as a person types it, read the same way by the exemption explorer and by `foilog correct`."""
import pytest

from db.provisions import Provision, parse_provision


@pytest.mark.parametrize("typed, provision", [
    ("40", Provision(None, "40", "")),
    ("s40", Provision(None, "40", "")),
    ("S.40(2)", Provision(None, "40", "(2)")),
    ("section 40(2)", Provision(None, "40", "(2)")),
    ("Section 31 (1) (a)", Provision(None, "31", "(1)(a)")),
    ("FOIA s31(1)(a)", Provision("FOIA", "31", "(1)(a)")),
    ("EIR 12(5)(b)", Provision("EIR", "12", "(5)(b)")),
    ("eir reg 13", Provision("EIR", "13", "")),
    ("FOISA s35(1)(a)", Provision("FOISA", "35", "(1)(a)")),
    ("s22A", Provision(None, "22A", "")),
    ("national security", None),
    ("the Data Protection Act", None),
    ("", None),
])
def test_parse_provision(typed, provision):
    assert parse_provision(typed) == provision


def test_label_defaults_to_foia():
    assert (parse_provision("S.40(2)").label, parse_provision("EIR 12(5)(b)").label) == ("FOIA s40(2)", "EIR s12(5)(b)")


STATUTES = [{"act": "FOIA", "section": "24", "short_name": "National security"},
            {"act": "FOIA", "section": "40", "short_name": "Personal information"},
            {"act": "EIR", "section": "13", "short_name": "Personal data"}]


@pytest.mark.parametrize("typed, provision", [
    ("S.40(2)", Provision("FOIA", "40", "(2)")),
    ("EIR 13(1)", Provision("EIR", "13", "(1)")),
    ("national security", Provision("FOIA", "24", "")),
    ("  Personal  ", Provision("FOIA", "40", "")),  # FOIA before EIR when a name fits both
    ("personal data", Provision("EIR", "13", "")),
    ("badgers", None),
    ("", None),
])
def test_resolve_exemption_by_number_or_name(typed, provision):
    from db.provisions import resolve_exemption

    assert resolve_exemption(typed, STATUTES) == provision
