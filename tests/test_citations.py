"""Citations and NCND: one short real-style sentence per general rule, with the whole expected result.

Each rule's wording was checked to occur in responses of at least two authorities in ../shared.
"""
from __future__ import annotations

from parsers import parse_text
from parsers.citations import decide_citations, decide_ncnd, extract_citations
from parsers.record import Citation


def _whole(text: str) -> list[tuple[int, int]]:
    """A request span that swallowed the whole text, as the request finder does under an empty REQUEST heading."""
    return [(0, len(text))]


def test_cost_limit_for_confirming_or_denying_is_a_cost_refusal_not_an_ncnd():
    text = ("I can confirm that the cost of determining whether any information is held is above the amount to which "
            "we are legally required to respond, therefore we consider that the Section 12(2) exemption applies to it.")
    record = parse_text(text)
    assert (record.citations, record.ncnd) == ([Citation("FOIA", "12", "(2)", False)], False)


def test_ncnd_list_under_the_sentence_is_relied_on_even_inside_an_overrunning_request_span():
    text = ("Example Police neither confirms nor denies that it holds information relevant to this request by virtue "
            "of the following exemptions:\nSection 24(2) - National Security\nSection 31(3) Law Enforcement\n")
    citations, decision = decide_citations(text, _whole(text))
    assert citations == [Citation("FOIA", "24", "(2)", True), Citation("FOIA", "31", "(3)", True)]
    assert (decision.evidence, decision.reason) == (text.strip(), "named where the response neither confirms nor denies")
    ncnd, ncnd_decision = decide_ncnd(text, citations, _whole(text))
    assert (ncnd, ncnd_decision.evidence) == (True, text.splitlines()[0])


def test_requesters_question_about_a_provision_is_not_a_citation():
    text = "How many requests did you answer by virtue of section 24(2) in 2023?"
    assert extract_citations(text, _whole(text)) == []
    assert decide_ncnd(text, [], _whole(text))[0] is False


def test_requesters_numbered_item_naming_an_ncnd_exemption_is_not_a_citation():
    text = ("3. Total number of FOI requests which received a neither confirm nor deny response, by virtue of the "
            "following exemption: Section 23(5) Information relating to the Security bodies.")
    assert (extract_citations(text, _whole(text)), decide_ncnd(text, [], _whole(text))[0]) == ([], False)


def test_cost_refusal_worded_by_the_sum_is_section_12():
    for sentence in ("It is estimated that it would cost more than £450 to comply with your request.",
                     "The cost of locating and retrieving the information exceeds the ‘appropriate level’ as stated "
                     "in the Regulations.",
                     "Such work would exceed the amount to which we are legally required to respond."):
        assert extract_citations(sentence) == [Citation("FOIA", "12", "", False)], sentence


def test_cost_refusal_in_the_answers_voice_counts_inside_an_overrunning_request_span():
    text = ("Whilst I cannot quantify exactly how long this would take it would most certainly exceed the 18 hours "
            "stipulated by the regulations.")
    assert extract_citations(text, _whole(text)) == [Citation("FOIA", "12", "", False)]


def test_requester_warning_about_the_cost_limit_is_not_a_refusal():
    text = "Please could you tell me, if this would exceed the cost limit, which part I should narrow?"
    assert extract_citations(text, _whole(text)) == []


def test_negated_withholding_is_not_reliance():
    assert extract_citations("The names of the PCCs cannot, reasonably, be withheld under s40(2).") == []


def test_citations_carry_the_sentence_that_relied_on_them():
    text = ("The information is exempt by virtue of Section 31(1)(a).\n"
            "Section 40(2) - Personal Information\n")
    citations, decision = decide_citations(text)
    assert citations == [Citation("FOIA", "31", "(1)(a)", False), Citation("FOIA", "40", "(2)", False)]
    assert (decision.evidence, decision.confidence, decision.reason) == (
        "The information is exempt by virtue of Section 31(1)(a). … Section 40(2) - Personal Information",
        0.85, "named as an exemption heading")


def test_unnumbered_cost_refusal_gives_its_sentence_as_evidence():
    text = "We hold the data. It is estimated that it would cost more than £450 to comply with your request."
    _, decision = decide_citations(text)
    assert (decision.evidence, decision.reason) == (
        "It is estimated that it would cost more than £450 to comply with your request.",
        "a refusal on cost grounds (section 12), the number not printed")


def test_no_ncnd_has_no_evidence_and_says_why():
    record = parse_text("Section 1(1)(a) of the Act places a duty to confirm or deny whether information is held. "
                        "The figures are attached.")
    decision = record.decisions["ncnd"]
    assert (record.ncnd, decision.evidence, decision.reason) == (
        False, None, "confirm-or-deny wording only in explanation, not used")


def test_exemption_heading_is_the_answers_even_inside_an_overrunning_request_span():
    text = "Please break this down by offence.\n1 –\nSection 30(1) – Investigations and proceedings\n"
    assert extract_citations(text, _whole(text)) == [Citation("FOIA", "30", "(1)", False)]


def test_exemption_said_to_apply_is_the_answers_even_inside_an_overrunning_request_span():
    text = "The exemption applicable to the withheld information is section 31(1)(a)(b) of the act."
    assert extract_citations(text, _whole(text)) == [Citation("FOIA", "31", "(1)(a)", False),
                                                     Citation("FOIA", "31", "(1)(b)", False)]


def test_section_of_another_act_whose_name_has_lowercase_words_is_not_a_citation():
    text = "Information about the Authority is published under section 37 of the Police and Fire Reform (Scotland) Act 2012."
    assert extract_citations(text) == []


def test_guidance_on_what_cannot_be_claimed_is_not_reliance():
    text = "ICO guidance states: an authority cannot claim section 12 for the cost of considering exemptions."
    assert extract_citations(text) == []


def test_refusal_beside_the_fees_regulations_is_a_cost_refusal():
    text = ("Under Section 5 of the Freedom of Information and Data Protection (Appropriate Limit and Fees) "
            "Regulations 2004, requests can be aggregated.\nDecision\nI am not obliged to provide you with a response "
            "to your request.")
    citations, decision = decide_citations(text)
    assert citations == [Citation("FOIA", "12", "", False)]
    assert (decision.confidence, decision.reason) == (
        0.6, "a refusal beside the cost-limit rules, no other ground given (section 12)")


def test_cost_talk_without_a_refusal_found_goes_to_review():
    text = "To answer would require the manual review of 8,900 records. The information cannot be disclosed."
    citations, decision = decide_citations(text)
    assert (citations, decision.confidence) == ([], 0.5)
    assert decision.evidence == "To answer would require the manual review of 8,900 records."


def test_text_cut_inside_a_subsection_chain_keeps_the_last_printed_subsection():
    text = "The information is exempt from disclosure by virtue of:\nSection 24(1) National Security\nSection 31(1)(a)(b"
    assert extract_citations(text) == [Citation("FOIA", "24", "(1)", False), Citation("FOIA", "31", "(1)(a)", False),
                                       Citation("FOIA", "31", "(1)(b)", False)]


def test_a_page_without_full_stops_is_read_in_bounded_sentences():
    """Each mention reads its sentence: a page of capitals with no full stop must not be one sentence, or every
    mention on it would read the whole page (quadratic time; a 100 KB page took minutes)."""
    from parsers.citations import _MAX_SENTENCE, _sentence_bounds

    text = "SECTION 31 LAW ENFORCEMENT " * 4000
    spans = {_sentence_bounds(text, pos) for pos in range(0, len(text), 997)}
    assert max(end - start for start, end in spans) <= _MAX_SENTENCE
    assert _sentence_bounds("It applies. Section 31 is engaged: see below\nNext", 15) == (11, 34)
