"""The error summary's links lead to the field: for a group of radios or tick boxes, its first option."""

import re

from django import forms
from django.template.loader import render_to_string


class ExampleForm(forms.Form):
    name = forms.CharField()
    agreed = forms.BooleanField()
    how = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    kinds = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple)
    pick = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")])


def test_every_link_in_the_error_summary_points_at_an_element_on_the_page():
    form = ExampleForm(data={})
    summary = render_to_string("includes/_error_summary.html", {"form": form})
    fields = "".join(str(field) for field in form)
    targets = re.findall(r'href="#([^"]+)"', summary)

    assert targets == ["id_name", "id_agreed", "id_how_0", "id_kinds_0", "id_pick"]
    for target in targets:
        assert f'id="{target}"' in fields, target
