"""The outcome decision, one general rule per test: a short sentence in the way forces write → the outcome, and
the evidence and cue that decided it."""
import pytest

from parsers import parse_text
from parsers.outcome import decide_outcome, outcome_decision
from parsers.record import Citation, Decision
from parsers.sentences import sentence_at, sentence_spans

S12 = Citation("FOIA", "12", "(1)")
S12_2_AS_NCND = Citation("FOIA", "12", "(2)", ncnd=True)
S23_5 = Citation("FOIA", "23", "(5)", ncnd=True)
S31 = Citation("FOIA", "31", "(1)(a)")
S40 = Citation("FOIA", "40", "")


@pytest.mark.parametrize("response, citations, ncnd, outcome", [
    # stated decisions, in the response's own words
    ("Your request for information has now been considered and I am not obliged to supply the information you "
     "have requested.\nSection 12 applies.", [S12], False, "refused"),
    ("I can confirm that the information you have requested is held by the force however cannot be disclosed in "
     "full for the following reasons.\n", [], False, "partial"),
    ("Your request has now been considered and I am not obliged to supply the information that you have "
     "requested in full. Parts of this request are exempt by virtue of Section 31(1)(a).\n", [S31], False, "partial"),
    ("In relation to question 1 the decision has been made not to supply the information you have requested.\n",
     [], False, "refused"),
    ("I have today decided to disclose some of th", [], False, "partial"),  # the formula decides, cut mid-word
    ("Within the documents provided for this question, names have been redacted under", [], False, "partial"),
    ("Some data has been withheld as it is exempt from disclosure.\n", [S31], False, "partial"),
    # not held: negation scopes over the words between
    ("The Constabulary does not use spit hoods.\n\nNo information relevant to your request is held.\n", [], False,
     "not_held"),
    ("Police Service of Scotland does not hold any of the information requested by you. By way of explanation, "
     "a search of our recording systems has revealed no trace of any such", [], False, "not_held"),
    ("Our answer on this occasion is no information held.\nIf you are not satisfied", [], False, "not_held"),
    # a part not held is not withheld
    ("1. There were 412 arrests in 2023.\n2. The ethnicity of those arrested is not held.\nYours sincerely", [],
     False, "full"),
    # information given in words, beside a cost refusal for another part
    ("The number of units analysed is not held in an easily retrievable format and would exceed the cost limit. "
     "We can however provide figures relating to costs associated with mobile phone records, which are as "
     "follows:\n2009/10 - £201,399\n", [S12], False, "partial"),
    # NCND read with what else is said
    ("I can confirm that the information you have requested is not held by the force.\nThe force can neither "
     "confirm nor deny that it holds any other information by virtue of Section 23(5)", [S23_5], True, "not_held"),
    ("Request 1\nWe do not hold information in relation to your request.\nRequest 2\nThe force can neither confirm "
     "nor deny that it holds the information you have requested.\n", [], True, "refused"),
    ("In relation to Question 1 and 2. The force will neither confirm nor deny that we hold any of the requested "
     "information as the following exemptions apply: Section 31(3) Law Enforcement",
     [Citation("FOIA", "31", "(3)", ncnd=True)],
     True, "unknown"),
    # "not held" only supposed, in the harm of confirming or denying, is no answer
    ("The force can neither confirm nor deny that it holds any information relevant to your request by virtue of "
     "Section 40(5). Confirming that information is held would reveal a complaint; stating that no information is "
     "held would equally reveal that he was not investigated.\nYours sincerely", [Citation("FOIA", "40", "(5)", ncnd=True)],
     True, "ncnd"),
    # giving beside a refusal: "I have provided below" gives; only "our response is provided below" frames
    ("Although the force is not obliged to provide any of the information, I have provided below the total number "
     "of offences recorded in each year.\n2019 412\n2020 388\n", [S12], False, "partial"),
    # the requester's "Yes" to a clarifying question is not an answer
    ("Clarification Received\nYes, members of public.\nWe can confirm that the force does hold the information "
     "however it is estimated that the cost of complying with your request would exceed the appropriate limit under "
     "Section 12(1).\nYours sincerely", [S12], False, "refused"),
    # section 12(2), the cost of finding out whether anything is held, refuses on cost: it is not NCND
    ("I can confirm that the cost of determining whether any information relative to this request is or isn't "
     "held is above the amount to which we are legally required to respond, therefore we are withholding the "
     "whole of the requested information under Section 12(2).\n", [S12_2_AS_NCND], True, "refused"),
    # a refusal for one question, the text cut before the others
    ("The exemption applicable to the information you have requested for this question can be found at Section "
     "31(1)(a) of the Act and this refusal notice is issued under Section 17. Disclosing certain types of vehicle "
     "would undermine", [S31], False, "unknown"),
    # what only frames, points elsewhere or says what would happen if, gives or decides nothing
    ("In accordance with section 1(1)(a) of the Act our response is provided below;\nI have now considered your "
     "request and I am not obliged to supply you with the information.\nThe information is exempt by virtue of "
     "Section 40(2)\n", [S40], False, "refused"),
    ("Question 1\nYou may wish to submit this part of your request to the NPCC using the link provided below:\n"
     "Question 2\nI am not obliged to supply the information you have requested. Section 14(1) – Vexatious\n"
     "Yours sincerely",
     [Citation("FOIA", "14", "(1)")], False, "refused"),
    ("Your email to the Freedom of Information in box is acknowledged.\nIf the correspondence cannot be dealt with "
     "as FOI, it will be forwarded internally and you will be advised of the location.", [], False, "unknown"),
    ("The second duty at Sec 1(1) (b) is to disclose information that has been confirmed as being held. "
     "Having made enquiries, the information requested, if held, is not in an easily retrievable format. Where", [],
     False, "unknown"),
    ("Answers 1 & 2\nThe force can neither confirm nor deny that it holds the information you have requested.\n",
     [Citation("FOIA", "40", "(5B)", ncnd=True)], True, "ncnd"),
])
def test_outcome_rule(response, citations, ncnd, outcome):
    assert decide_outcome(response, citations, ncnd) == outcome


def test_a_page_footer_after_the_response_shows_the_text_is_complete():
    response = ("A freetext search has been carried out. Please see the dates and locations in the attached file.\n"
                "FOI reference: 1267/16.\n\nLast updated: 16 December 2016")
    assert decide_outcome(response, [], False, request_text="1. The date.\n2. The nature.\n3. The outcome.") == "full"


def test_the_decision_stated_before_the_quoted_request_decides():
    body = ("Your request for information has now been considered and I am not obliged to supply the information "
            "you have requested.\n\nYou wrote:\n\nPlease provide the name of role, FTE and pay grade of the "
            "employees in each department")
    request_start = body.index("Please provide")
    assert outcome_decision(body, (request_start, len(body)), [], False) == (
        "refused", Decision("Your request for information has now been considered and I am not obliged to supply "
                            "the information you have requested.", 0.9, "the response says it refuses"))


def test_a_response_swallowed_by_the_request_span_is_read_from_its_authority_sentences():
    body = ("REQUEST\nRESPONSE\nSouth Wales Police neither confirms nor denies that it holds information relevant "
            "to this request by virtue of the following exemptions:\nSection 24(2) - National Security\nConfirming "
            "or denying whether or not information is held would enable")
    assert outcome_decision(body, (body.index("South Wales"), len(body)), [], False) == (
        "ncnd", Decision("South Wales Police neither confirms nor denies that it holds information relevant to this "
                         "request by virtue of the following exemptions:", 0.7,
                         "neither confirms nor denies holding the information"))


def test_figures_in_a_letterhead_are_not_an_answer_when_the_request_swallowed_the_response():
    body = ("Direct Line: 01622 652610\nDear Ms James,\nPlease provide the number of recruits who failed vetting in "
            "2019, 2020 and 2021.")
    assert outcome_decision(body, (body.index("Please"), len(body)), [], False)[0] == "unknown"


def test_parse_text_reports_the_outcome_evidence_and_needs_review():
    record = parse_text("Request\nHow many drones does the force own?\nResponse\nThe force owns 12 drones. "
                        "Their locations are not recorded, so this information is not held.")
    assert (record.outcome, record.decisions["outcome"], record.needs_review) == (
        "full", Decision("The force owns 12 drones.", 0.5, "information given; what is not given is not held"),
        ["outcome: information given; what is not given is not held (0.50)"])


def test_sentences_end_at_full_stops_and_line_breaks_but_not_after_abbreviations():
    text = "We refer to s. 12 of the Act. The cost limit applies.\nSection 12(1) – Cost\n\nYours sincerely"
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "We refer to s. 12 of the Act.", "The cost limit applies.", "Section 12(1) – Cost", "Yours sincerely"]


def test_sentence_at_quotes_the_sentence_holding_an_offset_verbatim():
    text = "Thank you for your request.  No information relevant to your request is held. Yours"
    assert sentence_at(text, text.index("relevant")) == "No information relevant to your request is held."


def test_the_requester_supposing_a_refusal_inside_the_request_decides_nothing():
    body = ("Dear Sir,\nI appreciate that you are not obliged to supply the information you have requested if it "
            "exceeds the cost limit. If no information is held, please say so.\nHow many drones does the force own?"
            "\nResponse\nThank you for your request, received on 3 May 2024. Searches were carried out in")
    assert outcome_decision(body, (body.index("I appreciate"), body.index("\nResponse")), [], False) == (
        "unknown", Decision(None, 0.8, "no decision visible before the text stops"))
