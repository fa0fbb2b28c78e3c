import time, numpy as np, scipy.sparse as sp
from benchmarks.ranking_families import FAMILIES, Hierarchy, generate_family, REFERENCE_DAY
from benchmarks.ranking_quality import occupation_half, TUNING
from services.matching.reference import load_taxonomy
from services.matching.domain.occupations import OccupationModel, occupation_profiles
from services.matching.domain.params import RankingParams
from services.matching.domain.vectors import claim_table, experience_weight
tax=load_taxonomy(); h=Hierarchy(tax)
t=time.time(); prof=occupation_profiles(tax); print('profiles', time.time()-t, prof.related.nnz)
p=RankingParams(); table=claim_table(p)
def evidence(cands):
    rows, cols, vals = [], [], []
    for i,c in enumerate(cands):
        for s in c.skills:
            j=tax.skill_index.get(s.uri)
            if j is None: continue
            rows.append(i); cols.append(j); vals.append(table[(s.level, s.suggested)][0])
        for w in c.experience:
            o=tax.occupation_index[w.occupation_uri]
            rows.append(i); cols.append(tax.n_skills+o); vals.append(experience_weight(w.years, w.ended_year, REFERENCE_DAY.year, p))
    X=sp.csr_matrix((vals,(rows,cols)),shape=(len(cands),tax.n_skills+tax.n_occupations))
    X.sum_duplicates(); return X
occs=occupation_half(tax,0)
train=[f for f in FAMILIES if f.name in ('partial-50','substituted','random-noise','history-only','two-occupations','partial-25')]
Xs, ys = [], []
for f in train:
    d=generate_family(tax,f,occs,n_candidates=1500,n_vacancies=1,seed=77,hierarchy=h)
    Xs.append(evidence(d.candidates)); ys.append(np.array([tax.occupation_index[o] for o in d.candidate_occupations]))
X=sp.vstack(Xs).tocsr(); y=np.concatenate(ys)
t=time.time(); m=OccupationModel(prof).fit(X,y); print('fit',time.time()-t, m.skill_shares_, m.history_shares_, m.temperature_)
for f in ([] if __name__ != "__main__" else FAMILIES):
    d=generate_family(tax,f,occs,n_candidates=3000,n_vacancies=1,seed=1101,hierarchy=h)
    Xe=evidence(d.candidates); ye=np.array([tax.occupation_index[o] for o in d.candidate_occupations])
    t=time.time(); o,pr=m.predict_top(Xe, 4); dt=time.time()-t
    top1=(o[:,0]==ye).mean(); top4=(o==ye[:,None]).any(1).mean()
    unit=(prof.unit[np.maximum(o[:,0],0)]==prof.unit[ye]).mean()
    pt=(pr*(o==ye[:,None])).sum(1).mean()
    print(f"{f.name:16s} top1 {top1:.3f} top4 {top4:.3f} unit@1 {unit:.3f} mean P(true) {pt:.3f} mean p1 {pr[:,0].mean():.3f}  {dt*1000/len(ye):.3f} ms/profile")
