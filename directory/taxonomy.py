"""The starting audiences and topics. A data migration seeds them; admins may add more later."""

AUDIENCES = [
    ("carers", "Carers"),
    ("young_people", "Young people"),
    ("children", "Children"),
    ("men", "Men"),
    ("women", "Women"),
    ("older_people", "Older people"),
    ("families", "Families"),
    ("lgbtq", "LGBTQ+ people"),
    ("veterans", "Veterans"),
    ("disabled_people", "Disabled people"),
    ("new_scots", "Refugees and new Scots"),
]

TOPICS = [
    ("loneliness", "Loneliness and isolation"),
    ("bereavement", "Bereavement"),
    ("anxiety", "Anxiety"),
    ("depression", "Depression"),
    ("trauma", "Trauma"),
    ("addiction", "Drugs, alcohol and gambling"),
    ("physical_activity", "Physical activity"),
    ("debt", "Money and debt"),
    ("housing", "Housing"),
    ("food", "Food"),
    ("employment", "Work and training"),
    ("long_term_conditions", "Long-term health conditions"),
    ("dementia", "Dementia"),
    ("domestic_abuse", "Domestic abuse"),
    ("suicidal_thoughts", "Suicidal thoughts"),
    ("parenting", "Parenting"),
]
